package io.github.workerskv.kv.spring.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.KVLimits;

/**
 * The KV key of a cache entry, format version 1:
 * <pre>
 * &lt;key prefix&gt;&lt;cache name&gt;::v1::&lt;converted key&gt;
 * &lt;key prefix&gt;&lt;cache name&gt;::v1h::&lt;SHA-256 of the converted key, 64 lowercase hex digits&gt;
 * </pre>
 * The second form is used when the first would exceed KV's 512-byte key limit (or is not valid Unicode).
 * Every key of a cache starts with {@code <key prefix><cache name>::}, which is what a clear lists.
 */
final class CacheKeyFormat {

	static final String SEPARATOR = "::";

	private static final String PLAIN = "v1::";

	private static final String HASHED = "v1h::";

	private final String cachePrefix;

	CacheKeyFormat(String keyPrefix, String cacheName) {
		if (cacheName.isEmpty() || cacheName.contains(SEPARATOR)) {
			throw new IllegalArgumentException("Cache name '" + cacheName + "' is not allowed: a cache name must be "
					+ "non-empty and must not contain '::', which separates the parts of a KV key");
		}
		this.cachePrefix = keyPrefix + cacheName + SEPARATOR;
		int length = KVLimits.utf8Length(this.cachePrefix + HASHED, "Key prefix");
		if (length + 64 > KVLimits.MAX_KEY_BYTES) {
			throw new IllegalArgumentException("Key prefix '" + keyPrefix + "' and cache name '" + cacheName
					+ "' are too long: " + length + " UTF-8 bytes leave no room for a hashed key within KV's "
					+ KVLimits.MAX_KEY_BYTES + "-byte limit");
		}
	}

	/** @return what every KV key of the cache starts with */
	String cachePrefix() {
		return this.cachePrefix;
	}

	/**
	 * @param convertedKey the cache key as text
	 * @return the KV key
	 */
	String kvKey(String convertedKey) {
		String plain = this.cachePrefix + PLAIN + convertedKey;
		if (plain.length() <= KVLimits.MAX_KEY_BYTES / 3) {
			return plain;
		}
		try {
			if (KVLimits.utf8Length(plain, "Key") <= KVLimits.MAX_KEY_BYTES) {
				return plain;
			}
			return this.cachePrefix + HASHED + sha256(convertedKey.getBytes(StandardCharsets.UTF_8));
		}
		catch (InvalidKeyException ex) {
			return this.cachePrefix + HASHED + sha256(convertedKey.getBytes(StandardCharsets.UTF_16BE));
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must provide SHA-256", ex);
		}
	}

}
