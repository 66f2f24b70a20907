package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectReader;

/**
 * The bottom of the client's {@link Transport} stack: one HTTP client ({@link JdkHttpTransport} or
 * {@link JettyHttpTransport}, as {@link CloudflareKVConfig#httpClient()} chooses) sends the request and hands
 * back what it received; this class reads it the same way for both. Every non-2xx answer becomes the typed
 * exception for its status ({@link Failures}), a successful envelope arrives as bytes ({@link Body}) and is
 * parsed token by token ({@link Envelope#parse}), an error body is read up to 64 KiB, and a value stays a
 * stream for the caller. The absence of a response becomes a {@link CloudflareIOException} that says whether
 * the request certainly did not reach the server in full, with the same message from either client. Logs
 * method, path, status and time at debug level; never headers.
 */
abstract class HttpTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(HttpTransport.class);

	/** How much of an error body is read. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	static final String USER_AGENT = "workers-kv-java";

	final CloudflareKVConfig config;

	final HeaderAuthentication authentication;

	final String baseUrl;

	private final Failures failures;

	private final ObjectReader trees;

	private final AtomicBoolean closed = new AtomicBoolean();

	HttpTransport(CloudflareKVConfig config, Failures failures) {
		this.config = config;
		this.authentication = (HeaderAuthentication) config.credentials();
		this.failures = failures;
		this.baseUrl = config.baseUrl().toString();
		this.trees = Envelope.treeReader(config.jsonMapper());
	}

	/**
	 * @param config the configuration, whose {@link CloudflareKVConfig#httpClient()} chooses the client
	 * @param failures turns failed answers into exceptions
	 * @param nanoTime the ticker of idle connections
	 * @return the transport
	 * @throws InvalidOptionException if Jetty's client is asked for and is not on the class path
	 */
	static HttpTransport create(CloudflareKVConfig config, Failures failures, LongSupplier nanoTime) {
		HttpClientType type = config.httpClient();
		if (!type.available()) {
			throw new InvalidOptionException("httpClient", type, "httpClient is " + type + " but Jetty's HTTP client 12.1 "
					+ "is not on the class path; add org.eclipse.jetty:jetty-client (12.1 or later), or choose AUTO or JDK");
		}
		HttpTransport transport = (type.resolved() == HttpClientType.JETTY) ? new JettyHttpTransport(config, failures)
				: new JdkHttpTransport(config, failures, nanoTime);
		logger.debug("Requests to {} go through {}'s HTTP client", config.baseUrl(), transport.type());
		return transport;
	}

	/** @return which HTTP client sends the requests */
	abstract HttpClientType type();

	/**
	 * Sends the request and waits for the response's headers.
	 * @param request the request
	 * @param uri its URI
	 * @return what came back
	 * @throws RuntimeException the exception for no response ({@link #noResponse} and the methods beside it)
	 */
	abstract HttpAnswer exchange(ApiRequest request, URI uri);

	/** Lets the HTTP client's connections and threads go. */
	abstract void closeClient();

	/** Fails every later request with {@link IllegalStateException}, and lets the connections go. */
	final void close() {
		if (this.closed.compareAndSet(false, true)) {
			closeClient();
		}
	}

	@Override
	public final ApiResponse send(ApiRequest request) {
		if (this.closed.get()) {
			throw new IllegalStateException("This CloudflareKVClient is closed; create a new one");
		}
		long start = System.nanoTime();
		HttpAnswer answer;
		try {
			answer = exchange(request, uri(request));
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("{} failed after {} ms: {}", request.target(), millisSince(start), ex.getClass().getSimpleName());
			}
			throw ex;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("{} -> {} in {} ms", request.target(), answer.status(), millisSince(start));
		}
		ApiResponse response = null;
		try {
			response = read(request, answer);
			return response;
		}
		finally {
			InputStream open = answer.body().stream();
			if (response == null || open == null || response.body() != open) {
				answer.release().run();
			}
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
	private ApiResponse read(ApiRequest request, HttpAnswer answer) {
		int status = answer.status();
		Body body = answer.body();
		if (status < 200 || status > 299) {
			Envelope envelope = envelope(request, status, readLimited(request, status, body.stream(), MAX_ERROR_BODY));
			if (status == 404 && request.missingAllowed() && envelope.hasCode(Envelope.KEY_NOT_FOUND)) {
				return ApiResponse.missing(status);
			}
			throw this.failures.failure(request.target(), status, answer.headers(), envelope);
		}
		if (request.streamed()) {
			return new ApiResponse(status, null, body.open(), parseExpiration(answer.headers().first("expiration")));
		}
		Envelope envelope = envelope(request, status, body.bytes());
		if (!envelope.json()) {
			if (envelope.snippet().isEmpty() && (status == 204 || status == 205 || status == 200)) {
				return new ApiResponse(status, envelope, null, null);
			}
			throw this.failures.notAnEnvelope(request.target(), status, envelope.snippet());
		}
		if (!envelope.success()) {
			throw this.failures.failure(request.target(), status, answer.headers(), envelope);
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
		return Envelope.parse(this.trees, bytes);
	}

	/**
	 * @param request the request
	 * @param uri its URI
	 * @param failure what the HTTP client threw
	 * @return the exception for no connection within the connect timeout, not thrown
	 */
	final RuntimeException connectTimedOut(ApiRequest request, URI uri, Throwable failure) {
		return bodyFailureOr(failure, new CloudflareTimeoutException(request.target() + " failed: no connection to "
				+ uri.getHost() + ":" + port(uri) + " within the connect timeout ("
				+ RetryWaits.describe(this.config.connectTimeout()) + "). Check the base URL " + this.baseUrl
				+ " and the network, or raise connectTimeout.", 0, List.of(), null, failure, false));
	}

	/**
	 * @param request the request
	 * @param sent whether the whole request may have reached the server
	 * @param failure what the HTTP client threw
	 * @return the exception for no response within the request timeout, not thrown
	 */
	final RuntimeException requestTimedOut(ApiRequest request, boolean sent, Throwable failure) {
		return bodyFailureOr(failure, new CloudflareTimeoutException(request.target() + " failed: no response from "
				+ this.baseUrl + " within the request timeout (" + RetryWaits.describe(this.config.requestTimeout())
				+ ")" + (sent ? " after the request was sent" : " (the request was not sent in full)")
				+ ". Raise requestTimeout if the server is slow.", 0, List.of(), null, failure, sent));
	}

	/**
	 * @param request the request
	 * @param uri its URI
	 * @param failure what the HTTP client threw: an unknown host, a refused connection, a failed TLS handshake
	 * @return the exception for no connection, naming the base URL to check, not thrown
	 */
	final RuntimeException unreachable(ApiRequest request, URI uri, Throwable failure) {
		return bodyFailureOr(failure, unreachable(request.target(), uri, this.baseUrl, failure));
	}

	/**
	 * @param request the request
	 * @param sent whether the whole request may have reached the server
	 * @param failure what the HTTP client threw
	 * @return the exception for a connection that broke before the response's headers, not thrown
	 */
	final RuntimeException broken(ApiRequest request, boolean sent, Throwable failure) {
		return bodyFailureOr(failure, new CloudflareIOException(request.target() + " failed: the connection broke "
				+ (sent ? "after the request was sent" : "before the request was sent in full") + " ("
				+ failure.getClass().getSimpleName() + messageOf(failure) + ").", 0, List.of(), null, failure, sent));
	}

	/**
	 * Keeps the calling thread's interrupt.
	 * @param request the request
	 * @param failure the interrupt
	 * @return the exception for an interrupted wait, not thrown
	 */
	static CloudflareIOException interrupted(ApiRequest request, InterruptedException failure) {
		Thread.currentThread().interrupt();
		return new CloudflareIOException(request.target() + " was interrupted.", 0, List.of(), null, failure);
	}

	/**
	 * The failure to connect: an unknown host (the JDK's client reports it as a {@link java.net.ConnectException}
	 * caused by an {@link UnresolvedAddressException}, Jetty's as an {@link UnknownHostException}) or a refused
	 * connection, naming the base URL to check.
	 * @param target the request's method and path
	 * @param uri the request's URI
	 * @param baseUrl the configured base URL
	 * @param failure what the HTTP client threw
	 * @return the exception, not thrown
	 */
	static CloudflareIOException unreachable(String target, URI uri, String baseUrl, Throwable failure) {
		String host = uri.getHost();
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
				return new CloudflareIOException(target + " failed: the host " + host + " of the base URL " + baseUrl
						+ " is unknown (it does not resolve). Check the base URL.", 0, List.of(), null, failure, false);
			}
		}
		return new CloudflareIOException(target + " failed: could not connect to " + host + ":" + port(uri) + " ("
				+ failure.getClass().getSimpleName() + messageOf(failure) + "). Check the base URL " + baseUrl
				+ " and that the server is up.", 0, List.of(), null, failure, false);
	}

	/** The request body's own failure (a streamed value too long, say) if it caused this one, else {@code otherwise}. */
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

	static int port(URI uri) {
		int port = uri.getPort();
		return (port != -1) ? port : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
	}

	private static String messageOf(Throwable ex) {
		return (ex.getMessage() != null) ? ": " + ex.getMessage() : "";
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
