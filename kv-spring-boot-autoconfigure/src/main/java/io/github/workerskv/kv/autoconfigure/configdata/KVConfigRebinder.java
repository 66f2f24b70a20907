package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Applies changes without Spring Cloud: puts the new values in the imports' property sources, where the
 * {@code Environment} finds them, then rebinds every JavaBean-style {@code @ConfigurationProperties} bean whose
 * prefix covers a changed property, the way Spring Cloud Context's rebinder does (its destroy and initialization
 * callbacks run again and Spring Boot binds it anew, validation included). Beans bound through their constructor
 * (records, {@code @ConstructorBinding}) cannot change and keep their values, as do {@code @Value} fields.
 */
final class KVConfigRebinder implements KVConfigApplier {

	private static final Log logger = LogFactory.getLog(KVConfigRebinder.class);

	private final ConfigurableApplicationContext context;

	KVConfigRebinder(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public void apply(List<KVConfigImport.Change> changes) {
		Set<String> properties = new LinkedHashSet<>();
		for (KVConfigImport.Change change : changes) {
			change.apply();
			properties.addAll(change.properties());
		}
		rebind(properties);
	}

	/**
	 * @param properties changed property names
	 * @return the names of the beans rebound
	 */
	List<String> rebind(Set<String> properties) {
		List<ConfigurationPropertyName> changed = new ArrayList<>();
		for (String property : properties) {
			if (ConfigurationPropertyName.isValid(property)) {
				changed.add(ConfigurationPropertyName.of(property));
			}
			else {
				changed.add(ConfigurationPropertyName.adapt(property, '.'));
			}
		}
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		List<String> rebound = new ArrayList<>();
		ConfigurationPropertiesBean.getAll(this.context).forEach((name, bean) -> {
			Object instance = bean.getInstance();
			if (instance == null || bean.asBindTarget().getBindMethod() == BindMethod.VALUE_OBJECT
					|| !covers(bean.getAnnotation().prefix(), changed)) {
				return;
			}
			try {
				beanFactory.destroyBean(instance);
				beanFactory.initializeBean(instance, name);
				rebound.add(name);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not rebind the @ConfigurationProperties bean '" + name + "' to the configuration "
						+ "changed in KV; it may hold some new values: " + ex.getMessage());
			}
		});
		if (!rebound.isEmpty()) {
			logger.info("Rebound @ConfigurationProperties beans to the configuration changed in KV: " + rebound);
		}
		return rebound;
	}

	private static boolean covers(String prefix, List<ConfigurationPropertyName> changed) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
		return changed.stream().anyMatch((property) -> name.equals(property) || name.isAncestorOf(property));
	}

}
