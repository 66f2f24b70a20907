package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.workerskv.kv.KVException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bottom of the client's {@link Transport} stack: builds and authenticates the HTTP request, sends it
 * with the client's {@link HttpClient}, turns the absence of a response into a {@link CloudflareIOException}
 * and every non-2xx answer into the typed exception for its status ({@link Failures}), and reads
 * Cloudflare's envelope. A successful envelope arrives as bytes ({@link Body}) and is parsed token by token
 * ({@link Envelope#parse}); an error body is read up to 64 KiB; a value stays a stream for the caller.
 * Logs method, path, status and time at debug level; never headers.
 */
final class HttpTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(HttpTransport.class);

	/** How much of an error body is read. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final String USER_AGENT = "workers-kv-java";

	private final CloudflareKVConfig config;

	private final HttpClient httpClient;

	private final HeaderAuthentication authentication;

	private final Failures failures;

	private final String baseUrl;

	private final long requestTimeoutNanos;

	private final AtomicBoolean closed = new AtomicBoolean();

	HttpTransport(CloudflareKVConfig config, HttpClient httpClient, Failures failures) {
		this.config = config;
		this.httpClient = httpClient;
		this.authentication = (HeaderAuthentication) config.credentials();
		this.failures = failures;
		this.baseUrl = config.baseUrl().toString();
		this.requestTimeoutNanos = config.requestTimeout().toNanos();
	}

	/** Fails every later request with {@link IllegalStateException}. */
	void close() {
		this.closed.set(true);
	}

	@Override
	public ApiResponse send(ApiRequest request) {
		if (this.closed.get()) {
			throw new IllegalStateException("This CloudflareKVClient is closed; create a new one");
		}
		long start = System.nanoTime();
		HttpResponse<Body> response;
		try {
			response = exchange(request);
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("{} failed after {} ms: {}", request.target(), millisSince(start), ex.getClass().getSimpleName());
			}
			throw ex;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("{} -> {} in {} ms", request.target(), response.statusCode(), millisSince(start));
		}
		return answer(request, response);
	}

	private HttpResponse<Body> exchange(ApiRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request))
			.header("Accept", request.streamed() ? RequestBody.OCTET_STREAM : RequestBody.JSON)
			.header("User-Agent", USER_AGENT);
		RequestBody body = request.body();
		if (body != null) {
			builder.method(request.method(), body.publisher()).header("Content-Type", body.contentType());
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		this.authentication.authenticate(builder);
		HttpRequest http = builder.build();
		// The request timeout is a bounded wait for the answer rather than HttpRequest.timeout: that one
		// registers a timer with the client's selector thread, and wakes it, on every request.
		CompletableFuture<HttpResponse<Body>> answer = this.httpClient.sendAsync(http, Body.handler(request.streamed()));
		try {
			return answer.get(this.requestTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			throw new CloudflareTimeoutException(request.target()
					+ " failed: no response within the request timeout. Raise requestTimeout if the server is slow.",
					0, List.of(), null, ex);
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			throw new CloudflareIOException(request.target() + " was interrupted.", 0, List.of(), null, ex);
		}
		catch (ExecutionException wrapped) {
			Throwable ex = (wrapped.getCause() != null) ? wrapped.getCause() : wrapped;
			if (ex instanceof HttpConnectTimeoutException) {
				throw bodyFailureOr(ex, new CloudflareTimeoutException(request.target() + " failed: no connection to "
						+ http.uri().getHost() + ":" + port(http) + " within the connect timeout. "
						+ "Check the network or raise connectTimeout.", 0, List.of(), null, ex));
			}
			if (ex instanceof HttpTimeoutException) {
				throw bodyFailureOr(ex, new CloudflareTimeoutException(request.target()
						+ " failed: no response within the request timeout. Raise requestTimeout if the server is slow.",
						0, List.of(), null, ex));
			}
			if (ex instanceof ConnectException) {
				throw bodyFailureOr(ex, new CloudflareIOException(request.target() + " failed: could not connect to "
						+ http.uri().getHost() + ":" + port(http) + " (" + ex.getClass().getSimpleName() + messageOf(ex)
						+ "). Check the base URL and that the server is up.", 0, List.of(), null, ex));
			}
			if (ex instanceof IOException || ex instanceof UncheckedIOException) {
				throw bodyFailureOr(ex, new CloudflareIOException(request.target() + " failed: the connection broke ("
						+ ex.getClass().getSimpleName() + messageOf(ex) + ").", 0, List.of(), null, ex));
			}
			if (ex instanceof RuntimeException runtime) {
				throw bodyFailureOr(ex, runtime);
			}
			if (ex instanceof Error error) {
				throw error;
			}
			throw new CloudflareIOException(request.target() + " failed (" + ex.getClass().getSimpleName() + messageOf(ex)
					+ ").", 0, List.of(), null, ex);
		}
	}

	/** The base URL, the path and the query, all already encoded, in one string parsed once. */
	private URI uri(ApiRequest request) {
		String query = request.query();
		StringBuilder uri = new StringBuilder(this.baseUrl.length() + request.path().length() + query.length() + 1)
			.append(this.baseUrl)
			.append(request.path());
		if (!query.isEmpty()) {
			uri.append('?').append(query);
		}
		return URI.create(uri.toString());
	}

	/** Reads a response: the envelope or the open value body of a success, else the typed failure. */
	private ApiResponse answer(ApiRequest request, HttpResponse<Body> response) {
		int status = response.statusCode();
		Body body = response.body();
		if (status < 200 || status > 299) {
			Envelope envelope = envelope(request, status, readLimited(request, status, body.stream(), MAX_ERROR_BODY));
			if (status == 404 && request.missingAllowed() && envelope.hasCode(Envelope.KEY_NOT_FOUND)) {
				return ApiResponse.missing(status);
			}
			throw this.failures.failure(request.target(), status, response.headers(), envelope);
		}
		if (request.streamed()) {
			return new ApiResponse(status, null, body.stream(),
					parseExpiration(response.headers().firstValue("expiration").orElse(null)));
		}
		Envelope envelope = envelope(request, status, body.bytes());
		if (!envelope.json()) {
			if (envelope.snippet().isEmpty() && (status == 204 || status == 205 || status == 200)) {
				return new ApiResponse(status, envelope, null, null);
			}
			throw this.failures.notAnEnvelope(request.target(), status, envelope.snippet());
		}
		if (!envelope.success()) {
			throw this.failures.failure(request.target(), status, response.headers(), envelope);
		}
		return new ApiResponse(status, envelope, null, null);
	}

	/** Reads at most {@code limit} bytes of a body and closes it. */
	private static byte[] readLimited(ApiRequest request, int status, @Nullable InputStream body, int limit) {
		if (body == null) {
			return new byte[0];
		}
		try (body) {
			return body.readNBytes(limit);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new CloudflareIOException(request.target() + " failed: the connection broke while reading the "
					+ "response (" + ex.getClass().getSimpleName() + ").", status, List.of(), null, ex);
		}
	}

	/** Reads the envelope of a response body. */
	private Envelope envelope(ApiRequest request, int status, byte @Nullable [] bytes) {
		if (bytes == null) {
			throw new IllegalStateException(request.target() + " (HTTP " + status + ") has no body to read");
		}
		return Envelope.parse(this.config.jsonMapper(), bytes);
	}

	private static RuntimeException bodyFailureOr(Throwable failure, RuntimeException otherwise) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof KVException kvException) {
				return kvException;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return otherwise;
	}

	private static @Nullable Long parseExpiration(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return (long) Math.floor(Double.parseDouble(header.trim()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static int port(HttpRequest request) {
		int port = request.uri().getPort();
		return (port != -1) ? port : ("https".equalsIgnoreCase(request.uri().getScheme()) ? 443 : 80);
	}

	private static String messageOf(Throwable ex) {
		return (ex.getMessage() != null) ? ": " + ex.getMessage() : "";
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
