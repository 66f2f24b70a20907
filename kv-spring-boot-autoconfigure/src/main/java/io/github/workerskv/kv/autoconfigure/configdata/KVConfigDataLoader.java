package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.workerskv.kv.KVException;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVBootstrapNamespaces;
import org.apache.commons.logging.Log;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.logging.DeferredLogFactory;

/**
 * Loads a {@link KVConfigDataResource} from its binding's namespace into property sources.
 *
 * <ul>
 * <li>Nothing there (no document, no key under the prefix): a required location fails with Spring Boot's
 * {@link ConfigDataResourceNotFoundException}, which names the location and the key; an {@code optional:} one
 * and a profile-specific variant import an empty property source, which a refresh fills when the keys appear.</li>
 * <li>KV cannot be read: a required location fails with {@link KVConfigImportException}; an {@code optional:}
 * one logs a WARN line and imports an empty property source. When the resource was imported before (Spring
 * Cloud's refresh reloads configuration), its last values are kept instead, whether it is optional or not.</li>
 * <li>A document that is not valid in its format fails with {@link KVConfigImportException}, optional or not.</li>
 * </ul>
 *
 * <p>Imports inside imported documents ({@code spring.config.import}) are ignored. Prefix imports ignore
 * {@code spring.config.activate.*}; documents honour it, as Spring Boot's files do.
 */
class KVConfigDataLoader implements ConfigDataLoader<KVConfigDataResource> {

	private final Log logger;

	KVConfigDataLoader(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(KVConfigDataLoader.class);
	}

	@Override
	public ConfigData load(ConfigDataLoaderContext context, KVConfigDataResource resource) {
		KVBootstrapNamespaces namespaces = Objects.requireNonNull(
				context.getBootstrapContext().get(KVBootstrapNamespaces.class), "resolved before loading");
		KVConfigImports imports = Objects.requireNonNull(context.getBootstrapContext().get(KVConfigImports.class),
				"resolved before loading");
		KVNamespace namespace = namespaces.namespaces().get(resource.binding());
		Map<String, String> entries;
		try {
			entries = KVConfigReader.read(namespace, resource);
		}
		catch (KVException ex) {
			KVConfigImport previous = imports.get(resource);
			if (previous != null) {
				this.logger.warn("Could not read " + resource + " again (" + ex.getMessage()
						+ "); keeping its last values");
				entries = previous.entries();
			}
			else if (resource.isOptional()) {
				this.logger.warn("Could not read " + resource + " (" + namespaces.where() + "): " + ex.getMessage()
						+ ". The location '" + resource.location() + "' is optional: starting without it");
				entries = Map.of();
			}
			else {
				throw KVConfigImportException.unavailable(resource, namespaces.where(), ex);
			}
		}
		if (entries.isEmpty() && !resource.isOptional()) {
			throw new ConfigDataResourceNotFoundException(resource);
		}
		KVConfigImport imported = KVConfigImport.of(resource, namespace, entries);
		imports.add(imported);
		this.logger.debug("Imported " + entries.size() + " KV keys from " + resource);
		List<ConfigData.Option> options = new ArrayList<>(List.of(ConfigData.Option.IGNORE_IMPORTS));
		if (resource.profile() != null) {
			options.add(ConfigData.Option.PROFILE_SPECIFIC);
		}
		if (!resource.isDocument()) {
			options.add(ConfigData.Option.IGNORE_PROFILES);
		}
		return new ConfigData(imported.propertySources(), options.toArray(ConfigData.Option[]::new));
	}

}
