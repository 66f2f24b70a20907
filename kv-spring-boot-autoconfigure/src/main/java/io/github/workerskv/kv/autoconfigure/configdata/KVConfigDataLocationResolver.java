package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.workerskv.kv.autoconfigure.KVBootstrapNamespaces;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

/**
 * Resolves the {@code cloudflare-kv:} locations of {@code spring.config.import} (see {@link KVConfigLocation}
 * for the syntax) into resources: the location itself, and, once profiles are known, one profile-specific
 * variant per accepted profile, in profile order, which Spring Boot places above the location's own properties.
 *
 * <p>The first location opens the namespaces of {@code cloudflare.kv.*} ({@link KVBootstrapNamespaces}),
 * fills the embedded store from the seed files, and keeps both them and the {@link KVConfigImports} in the
 * bootstrap registry, from which the application context takes them as beans when it is prepared.
 */
class KVConfigDataLocationResolver implements ConfigDataLocationResolver<KVConfigDataResource> {

	private static final String SNAKEYAML = "org.yaml.snakeyaml.Yaml";

	private final Log logger;

	private final ResourceLoader resourceLoader;

	KVConfigDataLocationResolver(DeferredLogFactory logFactory, ResourceLoader resourceLoader) {
		this.logger = logFactory.getLog(KVConfigDataLocationResolver.class);
		this.resourceLoader = resourceLoader;
	}

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return location.hasPrefix(KVConfigLocation.PREFIX);
	}

	@Override
	public List<KVConfigDataResource> resolve(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		KVConfigDataProperties settings = settings(context.getBinder());
		KVConfigLocation parsed = parse(location, settings);
		checkBinding(namespaces(context, settings), parsed.binding());
		return List.of(new KVConfigDataResource(parsed.binding(), parsed.path(), parsed.documentLoader(),
				parsed.format(), settings.getKeySeparator(), null, location.isOptional()));
	}

	@Override
	public List<KVConfigDataResource> resolveProfileSpecific(ConfigDataLocationResolverContext context,
			ConfigDataLocation location, Profiles profiles) {
		KVConfigDataProperties settings = settings(context.getBinder());
		KVConfigLocation parsed = parse(location, settings);
		List<KVConfigDataResource> variants = new ArrayList<>();
		for (String profile : profiles.getAccepted()) {
			String key = parsed.variant(profile, settings.getKeySeparator(), settings.getProfileSeparator());
			if (key != null) {
				variants.add(new KVConfigDataResource(parsed.binding(), key, parsed.documentLoader(), parsed.format(),
						settings.getKeySeparator(), profile, true));
			}
		}
		return variants;
	}

	private KVConfigLocation parse(ConfigDataLocation location, KVConfigDataProperties settings) {
		List<PropertySourceLoader> loaders = SpringFactoriesLoader
			.forDefaultResourceLocation(this.resourceLoader.getClassLoader())
			.load(PropertySourceLoader.class);
		KVConfigLocation parsed = KVConfigLocation.parse(location.getValue(), settings.getKeySeparator(), loaders);
		if (parsed.documentLoader() instanceof YamlPropertySourceLoader
				&& !ClassUtils.isPresent(SNAKEYAML, this.resourceLoader.getClassLoader())) {
			throw KVConfigImportException.invalidLocation(location.getValue(), "reading a ." + parsed.format()
					+ " document needs SnakeYAML: add the dependency org.yaml:snakeyaml (spring-boot-starter has it), "
					+ "or keep the document as .properties");
		}
		return parsed;
	}

	private static KVConfigDataProperties settings(Binder binder) {
		KVConfigDataProperties settings = binder.bindOrCreate(KVConfigDataProperties.PREFIX,
				KVConfigDataProperties.class);
		if (settings.getKeySeparator().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(KVConfigDataProperties.PREFIX + ".key-separator", "",
					"The key separator must not be empty.");
		}
		if (settings.getProfileSeparator().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(KVConfigDataProperties.PREFIX + ".profile-separator",
					"", "The profile separator must not be empty.");
		}
		return settings;
	}

	private static void checkBinding(KVBootstrapNamespaces namespaces, String binding) {
		try {
			namespaces.namespaces().get(binding);
		}
		catch (UnknownBindingException ex) {
			throw ex.withReferencingProperty("spring.config.import");
		}
	}

	/** The namespaces of this start-up, opened by its first {@code cloudflare-kv:} location. */
	private KVBootstrapNamespaces namespaces(ConfigDataLocationResolverContext context,
			KVConfigDataProperties settings) {
		ConfigurableBootstrapContext bootstrap = context.getBootstrapContext();
		if (bootstrap.isRegistered(KVBootstrapNamespaces.class)) {
			return Objects.requireNonNull(bootstrap.get(KVBootstrapNamespaces.class), "registered");
		}
		KVBootstrapNamespaces namespaces = KVBootstrapNamespaces.open(context.getBinder(),
				this.resourceLoader.getClassLoader());
		try {
			KVConfigSeeds.apply(namespaces, settings.getSeed(), this.resourceLoader, this.logger);
		}
		catch (RuntimeException ex) {
			namespaces.close();
			throw ex;
		}
		KVConfigImports imports = new KVConfigImports();
		bootstrap.register(KVBootstrapNamespaces.class, InstanceSupplier.of(namespaces));
		bootstrap.register(KVConfigImports.class, InstanceSupplier.of(imports));
		bootstrap.addCloseListener((event) -> {
			ConfigurableListableBeanFactory beanFactory = event.getApplicationContext().getBeanFactory();
			beanFactory.registerSingleton(KVBootstrapNamespaces.BEAN_NAME, namespaces);
			if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
				registry.registerDisposableBean(KVBootstrapNamespaces.BEAN_NAME, namespaces::close);
			}
			beanFactory.registerSingleton(KVConfigImports.BEAN_NAME, imports);
		});
		this.logger.info("Importing configuration from KV (" + namespaces.where() + ")");
		return namespaces;
	}

}
