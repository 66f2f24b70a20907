package io.github.workerskv.kv.emulator;

import io.github.workerskv.kv.InvalidBulkGetException;
import io.github.workerskv.kv.InvalidExpirationException;
import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.InvalidMetadataException;
import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.MetadataTooLargeException;
import io.github.workerskv.kv.ValueTooLargeException;

/**
 * The error codes the emulator puts in {@code errors[].code}.
 *
 * <p>Codes the real API was seen to use keep their meaning: 10000 (authentication only), 1000
 * (token verification), 7003, 971, 10009, 10013, 10014. The others are the emulator's own choices
 * (Cloudflare does not document them); each names one kind of failure.
 */
final class ErrorCodes {

	/** Authentication failed: no credentials (HTTP 401) or unknown credentials (HTTP 403). */
	static final int AUTHENTICATION = 10000;

	/** {@code /user/tokens/verify} with an unknown token (HTTP 401). */
	static final int INVALID_API_TOKEN = 1000;

	/** Valid credentials, but an account id the emulator was not configured for (HTTP 403). */
	static final int ACCOUNT_FORBIDDEN = 9109;

	/** No endpoint for this method and path (HTTP 404). */
	static final int NO_ROUTE = 7003;

	/** Throttled: KV's one write per second per key, an exceeded request budget or its lock-out, or an injected 429. */
	static final int RATE_LIMITED = 971;

	/** {@code get: 'key not found'} (HTTP 404). */
	static final int KEY_NOT_FOUND = 10009;

	/** The namespace id is unknown (HTTP 404). */
	static final int NAMESPACE_NOT_FOUND = 10013;

	/** Another namespace of the account has this title (HTTP 400). */
	static final int DUPLICATE_TITLE = 10014;

	/**
	 * Malformed request: bad JSON, a missing or mistyped field, a bad query parameter or multipart body,
	 * or HTTP that Jetty refuses before any handler (framing, header size, protocol, version).
	 */
	static final int BAD_REQUEST = 10001;

	/** A failure of the emulator or an injected 5xx. */
	static final int INTERNAL = 10002;

	/** The request body is larger than the endpoint accepts (HTTP 413). */
	static final int BODY_TOO_LARGE = 10003;

	/** The request body arrived below the minimum data rate or stalled past the idle timeout (HTTP 408). */
	static final int REQUEST_TIMEOUT = 10004;

	/** Every request slot is taken ({@link ServerLimits#maxConcurrentRequests()}): HTTP 503 with {@code Retry-After}. */
	static final int OVERLOADED = 10005;

	/**
	 * Invalid key name (empty, {@code .}/{@code ..}, over 512 bytes, not decodable), or bytes that are
	 * not UTF-8 in the path, the query string or a multipart text field.
	 */
	static final int INVALID_KEY = 10020;

	/** Invalid {@code expiration} or {@code expiration_ttl}. */
	static final int INVALID_EXPIRATION = 10033;

	/** Value over 25 MiB (HTTP 413). */
	static final int VALUE_TOO_LARGE = 10011;

	/** Metadata over 1024 bytes (HTTP 413) or not JSON. */
	static final int INVALID_METADATA = 10012;

	/** Invalid list parameters: limit, prefix or cursor. */
	static final int INVALID_LIST_OPTIONS = 10019;

	/** Invalid bulk get: key count, type, or a non-JSON value read as JSON. */
	static final int INVALID_BULK_GET = 10029;

	private ErrorCodes() {
	}

	/**
	 * @param ex a broken KV limit
	 * @return its error code
	 */
	static int of(KVValidationException ex) {
		if (ex instanceof InvalidKeyException) {
			return INVALID_KEY;
		}
		if (ex instanceof InvalidExpirationException) {
			return INVALID_EXPIRATION;
		}
		if (ex instanceof ValueTooLargeException) {
			return VALUE_TOO_LARGE;
		}
		if (ex instanceof MetadataTooLargeException || ex instanceof InvalidMetadataException) {
			return INVALID_METADATA;
		}
		if (ex instanceof InvalidListOptionsException) {
			return INVALID_LIST_OPTIONS;
		}
		if (ex instanceof InvalidBulkGetException) {
			return INVALID_BULK_GET;
		}
		return BAD_REQUEST;
	}

}
