package io.github.workerskv.kv.autoconfigure.metrics;

import java.util.IdentityHashMap;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Replaces every {@link KVNamespace} bean and every {@link KVNamespaces} registry bean with a metered
 * wrapper.
 *
 * <p>A registry's namespaces are tagged with their binding names; a {@link KVNamespace} bean that is not
 * one of them is tagged with its bean name. A namespace is wrapped once however it is reached (as a bean,
 * through the registry, or both), so its calls are never counted twice. A bean is left as it is when its
 * declared type is more specific than the wrapper (say a {@code @Bean MyNamespace} method), because
 * replacing it would break injection by that type; {@link CloudflareKVNamespace} beans are wrapped as
 * {@link CloudflareKVNamespace}s. The {@link MeterRegistry} is looked up at the first wrap, after every
 * post-processor exists, so that it is itself fully configured.
 */
final class KVNamespaceMetricsPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final Map<KVNamespace, MeteredKVNamespace> metered = new IdentityHashMap<>();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	KVNamespaceMetricsPostProcessor(ObjectProvider<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof MeteredKVNamespace || bean instanceof MeteredKVNamespaces) {
			return bean;
		}
		if (bean instanceof KVNamespaces namespaces && declaredTypeAccepts(beanName, MeteredKVNamespaces.class)) {
			return new MeteredKVNamespaces(namespaces, this::meter);
		}
		if (bean instanceof KVNamespace namespace && declaredTypeAccepts(beanName, (namespace instanceof CloudflareKVNamespace)
				? MeteredCloudflareKVNamespace.class : MeteredKVNamespace.class)) {
			return meter(beanName, namespace);
		}
		return bean;
	}

	/**
	 * The metered form of a namespace, made on first use and then shared.
	 * @param binding the tag for a namespace not metered yet
	 * @param namespace the namespace, possibly already metered
	 * @return its metered form
	 */
	MeteredKVNamespace meter(String binding, KVNamespace namespace) {
		if (namespace instanceof MeteredKVNamespace alreadyMetered) {
			return alreadyMetered;
		}
		synchronized (this.metered) {
			return this.metered.computeIfAbsent(namespace,
					(raw) -> MeteredKVNamespace.of(raw, new KVOperationRecorder(this.meterRegistry.getObject(), binding)));
		}
	}

	private boolean declaredTypeAccepts(String beanName, Class<?> wrapper) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return true;
		}
		Class<?> declared = this.beanFactory.getMergedBeanDefinition(beanName).getResolvableType().resolve();
		return declared == null || declared.isAssignableFrom(wrapper);
	}

}
