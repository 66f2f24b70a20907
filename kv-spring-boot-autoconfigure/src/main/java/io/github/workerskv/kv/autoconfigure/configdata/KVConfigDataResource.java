package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.env.PropertySourceLoader;

/**
 * What one {@code cloudflare-kv:} location (or one of its profile-specific variants) reads: every key under a
 * prefix of a binding's namespace, or one key holding a document. Two resources are equal when they read the
 * same keys the same way, so Spring Boot imports each once.
 */
final class KVConfigDataResource extends ConfigDataResource {

	private final String binding;

	private final String key;

	private final @Nullable PropertySourceLoader documentLoader;

	private final String format;

	private final String keySeparator;

	private final @Nullable String profile;

	private final boolean optional;

	/**
	 * @param binding the binding name
	 * @param key the prefix (ending with the key separator, or empty) or the document's key
	 * @param documentLoader Spring Boot's loader of the document's format, or {@code null} for a prefix
	 * @param format the document's format (its key's extension), or {@code "keys"} for a prefix
	 * @param keySeparator the separator of levels in keys under a prefix
	 * @param profile the profile of a profile-specific variant, or {@code null}
	 * @param optional whether the location is {@code optional:}; a variant always is
	 */
	KVConfigDataResource(String binding, String key, @Nullable PropertySourceLoader documentLoader, String format,
			String keySeparator, @Nullable String profile, boolean optional) {
		super(optional);
		this.binding = binding;
		this.key = key;
		this.documentLoader = documentLoader;
		this.format = format;
		this.keySeparator = keySeparator;
		this.profile = profile;
		this.optional = optional;
	}

	String binding() {
		return this.binding;
	}

	/** @return the prefix, or the document's key */
	String key() {
		return this.key;
	}

	boolean isDocument() {
		return this.documentLoader != null;
	}

	@Nullable PropertySourceLoader documentLoader() {
		return this.documentLoader;
	}

	String format() {
		return this.format;
	}

	String keySeparator() {
		return this.keySeparator;
	}

	@Nullable String profile() {
		return this.profile;
	}

	boolean isOptional() {
		return this.optional;
	}

	/** @return the location that reads exactly this, which is also the name of its property source */
	String location() {
		return KVConfigLocation.PREFIX + this.binding + "/" + this.key;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof KVConfigDataResource that && this.binding.equals(that.binding)
				&& this.key.equals(that.key) && isDocument() == that.isDocument()
				&& this.keySeparator.equals(that.keySeparator);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.binding, this.key, isDocument(), this.keySeparator);
	}

	@Override
	public String toString() {
		return isDocument() ? "KV key '" + this.key + "' of binding '" + this.binding + "'"
				: "KV keys under '" + this.key + "' of binding '" + this.binding + "'";
	}

}
