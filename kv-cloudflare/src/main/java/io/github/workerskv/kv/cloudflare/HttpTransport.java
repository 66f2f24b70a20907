package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLHandshakeException;

import io.github.workerskv.kv.KVException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectReader;

/**
 * The bottom of the client's {@link Transport} stack: builds and authenticates the HTTP request, sends it
 * with an {@link HttpClient} from {@link FreshConnections}, turns the absence of a response into a
 * {@link CloudflareIOException} (saying whether the request certainly did not reach the server in full) and
 * every non-2xx answer into the typed exception for its status ({@link Failures}), and reads Cloudflare's
 * envelope. A successful envelope arrives as bytes ({@link Body}) and is parsed token by token
 * ({@link Envelope#parse}); an error body is read up to 64 KiB; a value stays a stream for the caller.
 * Logs method, path, status and time at debug level; never headers.
 */
final class HttpTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(HttpTransport.class);

	/** How much of an error body is read. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final String USER_AGENT = "workers-kv-java";

	private final CloudflareKVConfig config;

	private final FreshConnections connections;

	private final HeaderAuthentication authentication;

	private final Failures failures;

	private final String baseUrl;

	private final ObjectReader trees;

	private final AtomicBoolean closed = new AtomicBoolean();

	HttpTransport(CloudflareKVConfig config, FreshConnections connections, Failures failures) {
		this.config = config;
		this.trees = Envelope.treeReader(config.jsonMapper());
		this.connections = connections;
		this.authentication = (HeaderAuthentication) config.credentials();
		this.failures = failures;
		this.baseUrl = config.baseUrl().toString();
	}

	/** Fails every later request with {@link IllegalStateException}, and lets the connections go. */
	void close() {
		this.closed.set(true);
		this.connections.close();
	}

	@Override
	public ApiResponse send(ApiRequest request) {
		if (this.closed.get()) {
			throw new IllegalStateException("This CloudflareKVClient is closed; create a new one");
		}
		long start = System.nanoTime();
		HttpRequest.Builder builder = builder(request);
		RequestBody requestBody = request.body();
		WatchedBody body = (requestBody != null) ? new WatchedBody(requestBody.publisher()) : null;
		HttpRequest http = builder.method(request.method(), (body != null) ? body : HttpRequest.BodyPublishers.noBody())
			.build();
		FreshConnections.Lease lease = this.connections.begin();
		HttpResponse<Body> response;
		try {
			response = exchange(request, http, body, lease.client());
		}
		catch (RuntimeException ex) {
			lease.end();
			if (logger.isDebugEnabled()) {
				logger.debug("{} failed after {} ms: {}", request.target(), millisSince(start), ex.getClass().getSimpleName());
			}
			throw ex;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("{} -> {} in {} ms", request.target(), response.statusCode(), millisSince(start));
		}
		ApiResponse answer = null;
		try {
			answer = answer(request, response, lease);
			return answer;
		}
		finally {
			if (answer == null || answer.body() == null) {
				lease.end();
			}
		}
	}

	private HttpRequest.Builder builder(ApiRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request))
			.timeout(this.config.requestTimeout())
			.header("Accept", request.streamed() ? RequestBody.OCTET_STREAM : RequestBody.JSON)
			.header("User-Agent", USER_AGENT);
		RequestBody body = request.body();
		if (body != null) {
			builder.header("Content-Type", body.contentType());
		}
		this.authentication.authenticate(builder);
		return builder;
	}

	/**
	 * Sends the request; a failure says whether the request may have reached the server in full: not if the
	 * connection could not be made, nor if the body had not all been handed over.
	 *
	 * <p>{@code send}, not {@code sendAsync}: the JDK's {@code sendAsync} completes the caller's future through
	 * {@code CompletableFuture}'s default executor, which on a machine whose common pool has fewer than two
	 * threads (two cores or fewer) starts a new thread for every request (JFR of the benchmarks: one
	 * {@code Thread-N} started per request, and three to four times the CPU of a bare client per request).
	 */
	private HttpResponse<Body> exchange(ApiRequest request, HttpRequest http, @Nullable WatchedBody body,
			HttpClient client) {
		try {
			return client.send(http, Body.handler(request.streamed()));
		}
		catch (IOException ex) {
			throw failure(request, http, body, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CloudflareIOException(request.target() + " was interrupted.", 0, List.of(), null, ex);
		}
		catch (UncheckedIOException ex) {
			throw failure(request, http, body, ex);
		}
	}

	/** What the HTTP client's failure to answer ({@code IOException} or {@code UncheckedIOException}) means. */
	private RuntimeException failure(ApiRequest request, HttpRequest http, @Nullable WatchedBody body, Exception ex) {
		if (ex instanceof HttpConnectTimeoutException) {
			return bodyFailureOr(ex, new CloudflareTimeoutException(request.target() + " failed: no connection to "
					+ http.uri().getHost() + ":" + port(http) + " within the connect timeout ("
					+ RetryWaits.describe(this.config.connectTimeout()) + "). Check the base URL " + this.baseUrl
					+ " and the network, or raise connectTimeout.", 0, List.of(), null, ex, false));
		}
		if (ex instanceof HttpTimeoutException) {
			boolean sent = sent(body);
			return bodyFailureOr(ex, new CloudflareTimeoutException(request.target() + " failed: no response from "
					+ this.baseUrl + " within the request timeout (" + RetryWaits.describe(this.config.requestTimeout())
					+ ")" + (sent ? " after the request was sent" : " (the request was not sent in full)")
					+ ". Raise requestTimeout if the server is slow.", 0, List.of(), null, ex, sent));
		}
		if (ex instanceof ConnectException || ex instanceof SSLHandshakeException) {
			return bodyFailureOr(ex, unreachable(request.target(), http.uri(), this.baseUrl, (IOException) ex));
		}
		boolean sent = sent(body);
		return bodyFailureOr(ex, new CloudflareIOException(request.target() + " failed: the connection broke "
				+ (sent ? "after the request was sent" : "before the request was sent in full") + " ("
				+ ex.getClass().getSimpleName() + messageOf(ex) + ").", 0, List.of(), null, ex, sent));
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

	private static boolean sent(@Nullable WatchedBody body) {
		return body == null || body.allHandedOver();
	}

	/** Reads a response: the envelope or the open value body of a success, else the typed failure. */
	private ApiResponse answer(ApiRequest request, HttpResponse<Body> response, FreshConnections.Lease lease) {
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
			if (body.stream() == null) {
				lease.end();
			}
			return new ApiResponse(status, null, (body.stream() != null) ? lease.endingWith(body.open()) : body.open(),
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
		return Envelope.parse(this.trees, bytes);
	}

	/**
	 * The failure to connect: an unknown host (the JDK's client reports it as a {@link ConnectException}
	 * caused by an {@link UnresolvedAddressException}) or a refused connection, naming the base URL to check.
	 * @param target the request's method and path
	 * @param uri the request's URI
	 * @param baseUrl the configured base URL
	 * @param failure what the HTTP client threw
	 * @return the exception, not thrown
	 */
	static CloudflareIOException unreachable(String target, URI uri, String baseUrl, IOException failure) {
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
		return port(request.uri());
	}

	private static int port(URI uri) {
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
