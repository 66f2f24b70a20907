package io.github.workerskv.kv;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * KV's limits, and the checks that enforce them before any I/O.
 *
 * <p>Every rule and message follows Cloudflare's runtime as Miniflare reproduces it; where Miniflare's
 * wording is wrong or silent, the message says what is actually allowed. Sizes are counted in UTF-8
 * bytes, never in {@code char}s. Each check throws a subclass of {@link KVValidationException} whose
 * message names the limit and the value.
 */
public final class KVLimits {

	/** Longest key, in UTF-8 bytes. */
	public static final int MAX_KEY_BYTES = 512;

	/** Largest value, in bytes (25 MiB). */
	public static final long MAX_VALUE_BYTES = 26_214_400L;

	/** Largest metadata, in UTF-8 bytes of its JSON serialisation. */
	public static final int MAX_METADATA_BYTES = 1024;

	/** Shortest {@code expirationTtl}, and the least distance of an {@code expiration} from now, in seconds. */
	public static final long MIN_EXPIRATION_TTL_SECONDS = 60;

	/** Shortest {@code cacheTtl}, in seconds (Cloudflare lowered it from 60 to 30 in 2025). */
	public static final long MIN_CACHE_TTL_SECONDS = 30;

	/** Largest and default page size of a list. */
	public static final int MAX_LIST_LIMIT = 1000;

	/** Most keys in one bulk get. */
	public static final int MAX_BULK_GET_KEYS = 100;

	/** Largest total size of the values returned by one bulk get (25 MiB). */
	public static final long MAX_BULK_GET_BYTES = 26_214_400L;

	/** KV stores expirations as signed 32-bit seconds. */
	private static final long MAX_INT32 = Integer.MAX_VALUE;

	private KVLimits() {
	}

	/**
	 * Checks a key name.
	 * @param key the key
	 * @throws InvalidKeyException if the key is empty, {@code .} or {@code ..}, not valid Unicode, or
	 * longer than {@value #MAX_KEY_BYTES} UTF-8 bytes
	 */
	public static void checkKey(String key) {
		if (key.isEmpty()) {
			throw new InvalidKeyException(400, "Key name cannot be empty.");
		}
		if (key.equals(".") || key.equals("..")) {
			throw new InvalidKeyException(400, "\"" + key + "\" is not allowed as a key name.");
		}
		int length = utf8Length(key, "Key name");
		if (length > MAX_KEY_BYTES) {
			throw new InvalidKeyException(414, "UTF-8 encoded length of " + length
					+ " exceeds key length limit of " + MAX_KEY_BYTES + ".");
		}
	}

	/**
	 * Checks a list prefix: at most {@value #MAX_KEY_BYTES} UTF-8 bytes of valid Unicode.
	 * @param prefix the prefix
	 * @throws InvalidListOptionsException if the prefix is too long or not valid Unicode
	 */
	public static void checkPrefix(String prefix) {
		int length;
		try {
			length = utf8Length(prefix, "Prefix");
		}
		catch (InvalidKeyException ex) {
			throw new InvalidListOptionsException(400, String.valueOf(ex.getMessage()));
		}
		if (length > MAX_KEY_BYTES) {
			throw new InvalidListOptionsException(414, "UTF-8 encoded length of " + length
					+ " exceeds key length limit of " + MAX_KEY_BYTES + ".");
		}
	}

	/**
	 * Checks the size of a value.
	 * @param length the value's length in bytes
	 * @throws ValueTooLargeException if it exceeds {@value #MAX_VALUE_BYTES} bytes
	 */
	public static void checkValueLength(long length) {
		if (length > MAX_VALUE_BYTES) {
			throw new ValueTooLargeException(413,
					"Value length of " + length + " exceeds limit of " + MAX_VALUE_BYTES + ".");
		}
	}

	/**
	 * Checks the size of serialised metadata.
	 * @param json the metadata as JSON text
	 * @throws MetadataTooLargeException if its UTF-8 form exceeds {@value #MAX_METADATA_BYTES} bytes
	 */
	public static void checkMetadataJson(String json) {
		int length = json.getBytes(StandardCharsets.UTF_8).length;
		if (length > MAX_METADATA_BYTES) {
			throw new MetadataTooLargeException(413,
					"Metadata length of " + length + " exceeds limit of " + MAX_METADATA_BYTES + ".");
		}
	}

	/**
	 * Checks an {@code expirationTtl} on its own (it needs no clock).
	 * @param seconds the time to live in seconds
	 * @throws InvalidExpirationException if it is not positive, below
	 * {@value #MIN_EXPIRATION_TTL_SECONDS}, or beyond the 32-bit range
	 */
	public static void checkExpirationTtl(long seconds) {
		if (seconds <= 0) {
			throw new InvalidExpirationException(400,
					"Invalid expiration_ttl of " + seconds + ". Please specify integer greater than 0.");
		}
		if (seconds < MIN_EXPIRATION_TTL_SECONDS) {
			throw new InvalidExpirationException(400, "Invalid expiration_ttl of " + seconds
					+ ". Expiration TTL must be at least " + MIN_EXPIRATION_TTL_SECONDS + ".");
		}
		if (seconds > MAX_INT32) {
			throw new InvalidExpirationException(400, "Invalid expiration_ttl of " + seconds
					+ ". Expiration TTL must be at most " + MAX_INT32 + " seconds.");
		}
	}

	/**
	 * Checks an absolute {@code expiration} against the current time.
	 * @param epochSeconds the expiration in seconds since the UNIX epoch
	 * @param nowEpochSeconds the current time in seconds since the UNIX epoch
	 * @throws InvalidExpirationException if it is not after now, less than
	 * {@value #MIN_EXPIRATION_TTL_SECONDS} seconds ahead, or beyond the 32-bit range (milliseconds)
	 */
	public static void checkExpiration(long epochSeconds, long nowEpochSeconds) {
		if (epochSeconds > MAX_INT32) {
			throw new InvalidExpirationException(400, "Invalid expiration of " + epochSeconds
					+ ". Expiration must be at most " + MAX_INT32
					+ " seconds since the UNIX epoch; was it given in milliseconds?");
		}
		if (epochSeconds <= nowEpochSeconds) {
			throw new InvalidExpirationException(400, "Invalid expiration of " + epochSeconds
					+ ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
		}
		if (epochSeconds < nowEpochSeconds + MIN_EXPIRATION_TTL_SECONDS) {
			throw new InvalidExpirationException(400, "Invalid expiration of " + epochSeconds
					+ ". Expiration times must be at least " + MIN_EXPIRATION_TTL_SECONDS + " seconds in the future.");
		}
	}

	/**
	 * Checks a read's {@code cacheTtl}.
	 * @param seconds the cache TTL in seconds
	 * @throws InvalidCacheTtlException if it is below {@value #MIN_CACHE_TTL_SECONDS}
	 */
	public static void checkCacheTtl(long seconds) {
		if (seconds < MIN_CACHE_TTL_SECONDS) {
			throw new InvalidCacheTtlException(400, "Invalid cache_ttl of " + seconds
					+ ". Cache TTL must be at least " + MIN_CACHE_TTL_SECONDS + ".");
		}
	}

	/**
	 * Checks a list page size.
	 * @param limit the page size
	 * @throws InvalidListOptionsException unless {@code 1 <= limit <= 1000}
	 */
	public static void checkListLimit(int limit) {
		if (limit < 1) {
			throw new InvalidListOptionsException(400,
					"Invalid key_count_limit of " + limit + ". Please specify an integer greater than 0.");
		}
		if (limit > MAX_LIST_LIMIT) {
			throw new InvalidListOptionsException(400, "Invalid key_count_limit of " + limit
					+ ". Please specify an integer less than or equal to " + MAX_LIST_LIMIT + ".");
		}
	}

	/**
	 * Checks the keys and type of a bulk get: 1..100 keys, each a valid key, read as text or JSON. An empty key
	 * is refused with the words of KV's service ({@code Key names must not be empty}), as a bulk get reports it.
	 * @param keys the keys as requested (duplicates count once)
	 * @param type the requested type
	 * @throws InvalidBulkGetException if the count or type is wrong
	 * @throws InvalidKeyException if a key is invalid
	 */
	public static void checkBulkGet(Collection<String> keys, ValueType<?> type) {
		if (keys.isEmpty()) {
			throw new InvalidBulkGetException(400, "You must request a minimum of 1 key");
		}
		if (keys.size() > MAX_BULK_GET_KEYS) {
			throw new InvalidBulkGetException(400, "You can request a maximum of " + MAX_BULK_GET_KEYS
					+ " keys (requested " + keys.size() + ")");
		}
		if (type.kind() != ValueType.Kind.TEXT && type.kind() != ValueType.Kind.JSON) {
			throw new InvalidBulkGetException(400, "\"" + type.name() + "\" is not a valid type. Use \"json\" or \"text\"");
		}
		for (String key : keys) {
			if (key.isEmpty()) {
				// KV's service words this itself for a bulk get; "Key name cannot be empty." is the binding's
				throw new InvalidKeyException(400, "Key names must not be empty");
			}
			checkKey(key);
		}
	}

	/**
	 * Checks the total size of the values a bulk get returns.
	 * @param totalBytes the sum of the values' lengths
	 * @throws InvalidBulkGetException if it exceeds {@value #MAX_BULK_GET_BYTES} bytes
	 */
	public static void checkBulkGetSize(long totalBytes) {
		if (totalBytes > MAX_BULK_GET_BYTES) {
			throw new InvalidBulkGetException(413, "Total size of request exceeds the limit of 25MB ("
					+ totalBytes + " bytes, limit " + MAX_BULK_GET_BYTES + ")");
		}
	}

	/**
	 * The UTF-8 length of a string that must be valid Unicode.
	 * @param text the text
	 * @param what what the text is, for the message
	 * @return its length in UTF-8 bytes
	 * @throws InvalidKeyException if the text holds an unpaired surrogate
	 */
	public static int utf8Length(String text, String what) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new InvalidKeyException(400, what + " has an unpaired surrogate at index " + i
						+ " and cannot be encoded as UTF-8.");
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	static @Nullable String nullIfEmpty(@Nullable String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

}
