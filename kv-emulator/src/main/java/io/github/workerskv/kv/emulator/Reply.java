package io.github.workerskv.kv.emulator;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What an endpoint answers: a JSON envelope, or the raw bytes of a value. */
sealed interface Reply {

	/**
	 * @param result the {@code result} of a successful envelope
	 * @return a 200 envelope
	 */
	static Reply ok(@Nullable Object result) {
		return new Json(200, Wire.Envelope.ok(result), Map.of());
	}

	/**
	 * @param result the {@code result} of a successful envelope
	 * @param resultInfo its {@code result_info}
	 * @return a 200 envelope with paging information
	 */
	static Reply ok(@Nullable Object result, Object resultInfo) {
		return new Json(200, Wire.Envelope.ok(result, resultInfo), Map.of());
	}

	/**
	 * A JSON envelope.
	 * @param status the HTTP status
	 * @param envelope the body
	 * @param headers extra headers
	 */
	record Json(int status, Wire.Envelope envelope, Map<String, String> headers) implements Reply {
	}

	/**
	 * A value's bytes ({@code application/octet-stream}), with its {@code expiration} header if it expires.
	 * @param bytes the value
	 * @param expiration seconds since the epoch, or {@code null}
	 */
	record Value(byte[] bytes, @Nullable Long expiration) implements Reply {
	}

}
