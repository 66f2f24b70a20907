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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLHandshakeException;

import io.github.workerskv.kv.KVException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The bottom of the client's {@link Transport} stack: builds and authenticates the HTTP request, sends it
 * with an {@link HttpClient} from {@link FreshConnections}, turns the absence of a response into a
 * {@link CloudflareIOException} (saying whether the request certainly did not reach the server in full) and
 * every non-2xx answer into the typed exception for its status ({@link Failures}), and reads Cloudflare's
 * envelope. Logs method, path, status and time at debug level; never headers.
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

	private final AtomicBoolean closed = new AtomicBoolean();

	HttpTransport(CloudflareKVConfig config, FreshConnections connections, Failures failures) {
		this.config = config;
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
		HttpResponse<InputStream> response;
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
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create(this.baseUrl + request.path() + (request.query().isEmpty() ? "" : "?" + request.query())))
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
	 */
	private HttpResponse<InputStream> exchange(ApiRequest request, HttpRequest http, @Nullable WatchedBody body,
			HttpClient client) {
		try {
			return client.send(http, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (HttpConnectTimeoutException ex) {
			throw bodyFailureOr(ex, new CloudflareTimeoutException(request.target() + " failed: no connection to "
					+ http.uri().getHost() + ":" + port(http) + " within the connect timeout ("
					+ RetryWaits.describe(this.config.connectTimeout()) + "). Check the base URL " + this.baseUrl
					+ " and the network, or raise connectTimeout.", 0, List.of(), null, ex, false));
		}
		catch (HttpTimeoutException ex) {
			boolean sent = sent(body);
			throw bodyFailureOr(ex, new CloudflareTimeoutException(request.target() + " failed: no response from "
					+ this.baseUrl + " within the request timeout (" + RetryWaits.describe(this.config.requestTimeout())
					+ ")" + (sent ? " after the request was sent" : " (the request was not sent in full)")
					+ ". Raise requestTimeout if the server is slow.", 0, List.of(), null, ex, sent));
		}
		catch (ConnectException | SSLHandshakeException ex) {
			throw bodyFailureOr(ex, unreachable(request.target(), http.uri(), this.baseUrl, ex));
		}
		catch (IOException ex) {
			boolean sent = sent(body);
			throw bodyFailureOr(ex, new CloudflareIOException(request.target() + " failed: the connection broke "
					+ (sent ? "after the request was sent" : "before the request was sent in full") + " ("
					+ ex.getClass().getSimpleName() + messageOf(ex) + ").", 0, List.of(), null, ex, sent));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CloudflareIOException(request.target() + " was interrupted.", 0, List.of(), null, ex);
		}
	}

	private static boolean sent(@Nullable WatchedBody body) {
		return body == null || body.allHandedOver();
	}

	/** Reads a response: the envelope or the open value body of a success, else the typed failure. */
	private ApiResponse answer(ApiRequest request, HttpResponse<InputStream> response, FreshConnections.Lease lease) {
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			Envelope envelope = envelope(request, response, MAX_ERROR_BODY);
			if (status == 404 && request.missingAllowed() && envelope.hasCode(Envelope.KEY_NOT_FOUND)) {
				return ApiResponse.missing(status);
			}
			throw this.failures.failure(request.target(), status, response.headers(), envelope);
		}
		if (request.streamed()) {
			return new ApiResponse(status, null, lease.endingWith(response.body()),
					parseExpiration(response.headers().firstValue("expiration").orElse(null)));
		}
		Envelope envelope = envelope(request, response, Integer.MAX_VALUE);
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

	/** Reads the envelope of a response (at most {@code limit} bytes) and closes its body. */
	private Envelope envelope(ApiRequest request, HttpResponse<InputStream> response, int limit) {
		byte[] bytes;
		try (InputStream body = response.body()) {
			bytes = body.readNBytes(limit);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new CloudflareIOException(request.target() + " failed: the connection broke while reading the "
					+ "response (" + ex.getClass().getSimpleName() + ").", response.statusCode(), List.of(), null, ex);
		}
		if (bytes.length == 0) {
			return Envelope.empty();
		}
		try {
			return Envelope.of(this.config.jsonMapper().readTree(bytes));
		}
		catch (JacksonException ex) {
			return Envelope.notJson(new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8));
		}
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

	private static RuntimeException bodyFailureOr(Throwable failure, CloudflareIOException otherwise) {
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
