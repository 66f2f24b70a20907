package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.List;
import java.util.Locale;

import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVValidationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.PropertySourceLoader;

/**
 * A {@code cloudflare-kv:} location of {@code spring.config.import}, parsed:
 * {@code cloudflare-kv:BINDING/path}, where the path is a document's key when it ends in an extension one of
 * Spring Boot's {@link PropertySourceLoader}s reads ({@code .yaml}, {@code .yml}, {@code .properties},
 * {@code .xml}) or {@code .json} (read as YAML, of which it is a subset), and otherwise a prefix (the key
 * separator is appended when missing; an empty path is every key of the namespace). Keys are taken literally,
 * without decoding; Spring Boot splits {@code spring.config.import} at commas, so a key cannot hold one.
 *
 * @param binding the binding name
 * @param path the prefix, ending with the key separator (or empty), or the document's key
 * @param documentLoader the document's loader, or {@code null} for a prefix
 * @param format the document's extension, lower-case, or {@code "keys"} for a prefix
 */
record KVConfigLocation(String binding, String path, @Nullable PropertySourceLoader documentLoader, String format) {

	static final String PREFIX = "cloudflare-kv:";

	/**
	 * @param location the location without {@code optional:}
	 * @param keySeparator the separator of levels in keys
	 * @param loaders Spring Boot's loaders
	 * @return the parsed location
	 * @throws KVConfigImportException if it is not written as the syntax requires
	 */
	static KVConfigLocation parse(String location, String keySeparator, List<PropertySourceLoader> loaders) {
		if (!location.startsWith(PREFIX)) {
			throw KVConfigImportException.invalidLocation(location, "it does not start with " + PREFIX);
		}
		String rest = location.substring(PREFIX.length());
		int slash = rest.indexOf('/');
		if (slash < 0) {
			throw KVConfigImportException.invalidLocation(location, "it names no key or prefix after the binding; write "
					+ PREFIX + rest + "/ to import every key of the namespace, or " + PREFIX + rest
					+ "/config/myapp/ for the keys under a prefix");
		}
		String binding = rest.substring(0, slash);
		String path = rest.substring(slash + 1);
		if (binding.isEmpty()) {
			throw KVConfigImportException.invalidLocation(location, "it names no binding before the first '/'");
		}
		String extension = extension(path, keySeparator);
		PropertySourceLoader loader = (extension != null) ? loader(extension, loaders) : null;
		try {
			if (loader != null && extension != null) {
				KVLimits.checkKey(path);
				return new KVConfigLocation(binding, path, loader, extension);
			}
			String prefix = (path.isEmpty() || path.endsWith(keySeparator)) ? path : path + keySeparator;
			if (!prefix.isEmpty()) {
				KVLimits.checkPrefix(prefix);
			}
			return new KVConfigLocation(binding, prefix, null, "keys");
		}
		catch (KVValidationException ex) {
			throw KVConfigImportException.invalidLocation(location, String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * The key or prefix of the variant for a profile: {@code config/myapp,prod/} for the prefix
	 * {@code config/myapp/} (the profile separator between), {@code config/app-prod.yaml} for the document
	 * {@code config/app.yaml}, as Spring Boot names profile-specific files.
	 * @param profile the profile
	 * @param keySeparator the separator of levels in keys
	 * @param profileSeparator the separator between a prefix and a profile
	 * @return the variant's key or prefix, or {@code null} for a location that has none (every key)
	 */
	@Nullable String variant(String profile, String keySeparator, String profileSeparator) {
		if (this.documentLoader != null) {
			int dot = this.path.lastIndexOf('.');
			return this.path.substring(0, dot) + "-" + profile + this.path.substring(dot);
		}
		if (this.path.isEmpty()) {
			return null;
		}
		String base = this.path.substring(0, this.path.length() - keySeparator.length());
		return base + profileSeparator + profile + keySeparator;
	}

	private static @Nullable String extension(String path, String keySeparator) {
		int dot = path.lastIndexOf('.');
		if (dot < 0 || path.endsWith(keySeparator)) {
			return null;
		}
		String extension = path.substring(dot + 1).toLowerCase(Locale.ROOT);
		return (extension.isEmpty() || extension.contains(keySeparator) || extension.contains("/")) ? null : extension;
	}

	private static @Nullable PropertySourceLoader loader(String extension, List<PropertySourceLoader> loaders) {
		String wanted = extension.equals("json") ? "yaml" : extension;
		for (PropertySourceLoader loader : loaders) {
			for (String candidate : loader.getFileExtensions()) {
				if (candidate.equalsIgnoreCase(wanted)) {
					return loader;
				}
			}
		}
		return null;
	}

}
