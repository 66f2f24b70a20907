package io.github.workerskv.kv.autoconfigure.configdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.workerskv.kv.KVException;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.autoconfigure.KVBootstrapNamespaces;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Fills namespaces of the embedded store from seed files ({@code cloudflare.kv.config.seed.<BINDING>}), before
 * configuration is imported. A seed file is what {@code wrangler kv bulk put} reads: a JSON array of objects with
 * a {@code key}, a string {@code value}, and optionally {@code base64} (the value is base64 of the bytes) and
 * {@code metadata} (any JSON). So one file fills both Cloudflare's namespace and the embedded one. Expirations
 * are refused: configuration that disappears by itself would be a surprise. Only keys that do not exist are
 * written, so that a persisted store keeps what was changed in it.
 */
final class KVConfigSeeds {

	private static final Set<String> FIELDS = Set.of("key", "value", "base64", "metadata");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BULK_GET_KEYS = 100;

	private KVConfigSeeds() {
	}

	/**
	 * @param namespaces the namespaces to fill
	 * @param seeds seed file locations by binding name
	 * @param resourceLoader how to find the files ({@code classpath:}, {@code file:}, a path)
	 * @param logger where to say what was written
	 * @throws InvalidConfigurationPropertyValueException if a file cannot be read or is not in the format
	 * @throws UnknownBindingException if a seed names a binding that is not configured
	 */
	static void apply(KVBootstrapNamespaces namespaces, Map<String, String> seeds, ResourceLoader resourceLoader,
			Log logger) {
		if (seeds.isEmpty()) {
			return;
		}
		if (!namespaces.isLocal()) {
			logger.info("Not seeding KV from " + KVConfigDataProperties.PREFIX + ".seed: it fills the embedded store "
					+ "of local mode only, and this is remote mode");
			return;
		}
		seeds.forEach((binding, location) -> {
			String property = KVConfigDataProperties.PREFIX + ".seed." + binding;
			KVNamespace namespace;
			try {
				namespace = namespaces.namespaces().get(binding);
			}
			catch (UnknownBindingException ex) {
				throw ex.withReferencingProperty(property);
			}
			Map<String, Entry> entries = read(resourceLoader.getResource(location), property, location);
			int written = writeMissing(namespace, entries);
			logger.info("Seeded KV binding '" + binding + "' from " + location + ": " + written + " of "
					+ entries.size() + " keys written" + ((written < entries.size()) ? ", the rest already existed" : ""));
		});
	}

	private static Map<String, Entry> read(Resource resource, String property, String location) {
		JsonNode root;
		try (InputStream in = resource.getInputStream()) {
			root = JSON.readTree(in);
		}
		catch (IOException | JacksonException ex) {
			throw new InvalidConfigurationPropertyValueException(property, location,
					"The seed file cannot be read as JSON: " + ex.getMessage());
		}
		if (root == null || !root.isArray()) {
			throw new InvalidConfigurationPropertyValueException(property, location,
					"A seed file is a JSON array of {\"key\": ..., \"value\": ...} objects, as 'wrangler kv bulk put' reads.");
		}
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (int i = 0; i < root.size(); i++) {
			JsonNode node = root.get(i);
			String where = "Entry " + i + " of the seed file";
			if (!node.isObject()) {
				throw new InvalidConfigurationPropertyValueException(property, location, where + " is not an object.");
			}
			for (String field : node.propertyNames()) {
				if (!FIELDS.contains(field)) {
					throw new InvalidConfigurationPropertyValueException(property, location, where + " has the field '"
							+ field + "'; a seed entry has only key, value, base64 and metadata (no expiration).");
				}
			}
			JsonNode key = node.get("key");
			JsonNode value = node.get("value");
			JsonNode base64 = node.get("base64");
			if (key == null || !key.isString() || value == null || !value.isString()) {
				throw new InvalidConfigurationPropertyValueException(property, location,
						where + " needs a string key and a string value.");
			}
			byte[] bytes;
			try {
				bytes = (base64 != null && base64.asBoolean()) ? Base64.getDecoder().decode(value.asString())
						: value.asString().getBytes(StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(property, location,
						where + " says base64 but its value is not base64: " + ex.getMessage());
			}
			entries.put(key.asString(), new Entry(bytes, node.get("metadata")));
		}
		return entries;
	}

	private static int writeMissing(KVNamespace namespace, Map<String, Entry> entries) {
		List<String> keys = new ArrayList<>(entries.keySet());
		int written = 0;
		for (int from = 0; from < keys.size(); from += BULK_GET_KEYS) {
			List<String> chunk = keys.subList(from, Math.min(keys.size(), from + BULK_GET_KEYS));
			Map<String, @Nullable String> existing = namespace.get(chunk, ValueType.text());
			for (String key : chunk) {
				if (existing.get(key) == null) {
					Entry entry = Objects.requireNonNull(entries.get(key));
					try {
						namespace.put(key, entry.value(), PutOptions.none().withMetadata(entry.metadata()));
					}
					catch (KVException ex) {
						throw new IllegalStateException("Cannot seed the key '" + key + "': " + ex.getMessage(), ex);
					}
					written++;
				}
			}
		}
		return written;
	}

	private record Entry(byte[] value, @Nullable JsonNode metadata) {
	}

}
