package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds, authenticates and sends the requests of one client through its {@link Transport}, and reads
 * Cloudflare's envelope, turning failures into typed exceptions. Logs method, path, status and time at
 * debug level; never headers.
 */
final class ApiClient {

	private static final Logger logger = LoggerFactory.getLogger(ApiClient.class);

	/** How much of an error body is read. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final String USER_AGENT = "workers-kv-java";

	private final CloudflareKVConfig config;

	private final HeaderAuthentication authentication;

	private final Transport transport;

	private final String accountPath;

	private final AtomicBoolean closed = new AtomicBoolean();

	ApiClient(CloudflareKVConfig config, Transport transport) {
		this.config = config;
		this.authentication = (HeaderAuthentication) config.credentials();
		this.transport = transport;
		this.accountPath = "/accounts/" + UrlEncoding.encode(config.accountId()) + "/storage/kv/namespaces";
	}

	/** @return the path of the account's namespaces, below the base URL */
	String namespacesPath() {
		return this.accountPath;
	}

	JsonMapper jsonMapper() {
		return this.config.jsonMapper();
	}

	CloudflareKVConfig config() {
		return this.config;
	}

	void close() {
		this.closed.set(true);
	}

	/**
	 * A query string builder that percent-encodes names and values.
	 * @return an empty query
	 */
	static Query query() {
		return new Query();
	}

	/**
	 * Sends a request and returns the response whatever its status.
	 * @param method the HTTP method
	 * @param path the path below the base URL, already encoded
	 * @param query the query, or {@code null}
	 * @param body the body, or {@code null} for none
	 * @param contentType the body's content type, or {@code null}
	 * @param accept the {@code Accept} header
	 * @return the response; the caller closes its body
	 */
	HttpResponse<InputStream> send(String method, String path, @Nullable Query query, @Nullable BodyPublisher body,
			@Nullable String contentType, String accept) {
		if (this.closed.get()) {
			throw new IllegalStateException("This CloudflareKVClient is closed; create a new one");
		}
		String queryText = (query != null) ? query.toString() : "";
		URI uri = URI.create(this.config.baseUrl() + path + (queryText.isEmpty() ? "" : "?" + queryText));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.config.requestTimeout())
			.header("Accept", accept)
			.header("User-Agent", USER_AGENT)
			.method(method, (body != null) ? body : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		this.authentication.authenticate(request);
		long start = System.nanoTime();
		HttpResponse<InputStream> response;
		try {
			response = this.transport.send(request.build());
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("{} {} failed after {} ms: {}", method, path, millisSince(start), ex.getClass().getSimpleName());
			}
			throw ex;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("{} {} -> {} in {} ms", method, path, response.statusCode(), millisSince(start));
		}
		return response;
	}

	/**
	 * Sends a request and returns the {@code result} of a successful envelope.
	 * @return the result, or {@code null} if it is absent or JSON {@code null}
	 * @throws CloudflareKVException if the request failed
	 */
	@Nullable JsonNode call(String method, String path, @Nullable Query query, @Nullable BodyPublisher body,
			@Nullable String contentType) {
		return exchange(method, path, query, body, contentType).result();
	}

	/**
	 * Sends a request and returns its successful envelope.
	 * @return the envelope
	 * @throws CloudflareKVException if the request failed
	 */
	Envelope exchange(String method, String path, @Nullable Query query, @Nullable BodyPublisher body,
			@Nullable String contentType) {
		return success(method, path, send(method, path, query, body, contentType, "application/json"));
	}

	/**
	 * Reads a response's envelope, or throws for a failure.
	 * @return the successful envelope
	 * @throws CloudflareKVException for an error status, {@code success: false} or a body that is not the envelope
	 */
	Envelope success(String method, String path, HttpResponse<InputStream> response) {
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			throw failure(method, path, response, envelope(response, MAX_ERROR_BODY));
		}
		Envelope envelope = envelope(response, Integer.MAX_VALUE);
		if (!envelope.json()) {
			if (envelope.snippet().isEmpty() && (status == 204 || status == 205 || status == 200)) {
				return envelope;
			}
			throw new CloudflareMalformedResponseException(method + " " + path + " returned HTTP " + status
					+ " with a body that is not Cloudflare's JSON envelope (" + describe(envelope.snippet())
					+ "). Check that the base URL " + this.config.baseUrl() + " points at the API.", status, List.of(),
					null, null);
		}
		if (!envelope.success()) {
			throw failure(method, path, response, envelope);
		}
		return envelope;
	}

	/**
	 * Reads a failed response's envelope (at most 64 KiB of it) and closes its body.
	 * @param response a response with an error status
	 * @return the envelope
	 */
	Envelope errorEnvelope(HttpResponse<InputStream> response) {
		return envelope(response, MAX_ERROR_BODY);
	}

	/**
	 * Builds a malformed-response exception.
	 * @param method the request's method
	 * @param path the request's path
	 * @param status the response status
	 * @param problem what is wrong
	 * @return the exception, not thrown
	 */
	CloudflareMalformedResponseException malformed(String method, String path, int status, String problem) {
		return new CloudflareMalformedResponseException(method + " " + path + " returned HTTP " + status + " but "
				+ problem + ". Check that the base URL " + this.config.baseUrl() + " points at the API.", status,
				List.of(), null, null);
	}

	/**
	 * Reads the envelope of a response and closes its body.
	 * @param response the response
	 * @param limit the most bytes to read
	 * @return the envelope
	 */
	private Envelope envelope(HttpResponse<InputStream> response, int limit) {
		byte[] bytes;
		try (InputStream body = response.body()) {
			bytes = body.readNBytes(limit);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new CloudflareIOException(response.request().method() + " " + response.request().uri().getRawPath()
					+ " failed: the connection broke while reading the response (" + ex.getClass().getSimpleName()
					+ ").", response.statusCode(), List.of(), null, ex);
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
	 * Turns a failed response into the exception for its status.
	 * @param method the request's method
	 * @param path the request's path
	 * @param response the response (its body already read into {@code envelope})
	 * @param envelope the response's envelope
	 * @return the exception, not thrown
	 */
	CloudflareKVException failure(String method, String path, HttpResponse<?> response, Envelope envelope) {
		int status = response.statusCode();
		List<CloudflareError> errors = envelope.errors().stream()
			.map((error) -> new CloudflareError(error.code(), this.authentication.redact(error.message())))
			.toList();
		Duration retryAfter = RetryAfter.from(response.headers(), this.config.clock());
		StringBuilder message = new StringBuilder(method).append(' ').append(path).append(" failed with HTTP ")
			.append(status);
		if (!errors.isEmpty()) {
			StringJoiner joined = new StringJoiner("; ", ": ", "");
			errors.forEach((error) -> joined.add(error.toString()));
			message.append(joined);
		}
		else if (!envelope.snippet().isEmpty()) {
			message.append(" (").append(describe(envelope.snippet())).append(')');
		}
		message.append(endsWithPeriod(message) ? " " : ". ");
		if (status == 401 || status == 403 || envelope.hasCode(Envelope.AUTHENTICATION_ERROR)) {
			message.append("Check the API token (or email and global API key) and that it has the Workers KV "
					+ "Storage permission for account ").append(this.config.accountId()).append('.');
			return new CloudflareAuthenticationException(message.toString(), status, errors, retryAfter, null);
		}
		if (status == 404) {
			if (envelope.hasCode(Envelope.NO_ROUTE) || !envelope.json()) {
				message.append("The server has no such endpoint; check the base URL ").append(this.config.baseUrl())
					.append(" (it ends in /client/v4).");
			}
			else {
				message.append("Check the namespace id (the 32-digit id, not the title) and the account id ")
					.append(this.config.accountId()).append('.');
			}
			return new CloudflareNamespaceNotFoundException(message.toString(), status, errors, retryAfter, null);
		}
		if (status == 429) {
			message.append((retryAfter != null) ? "The server asked to retry after " + retryAfter.toMillis() + " ms."
					: "Slow down: Cloudflare allows 1,200 API requests per 5 minutes and 1 write per second per key.");
			return new CloudflareRateLimitException(message.toString(), status, errors, retryAfter, null);
		}
		if (status >= 500 && status <= 599) {
			message.append("Cloudflare failed; the request may be retried.");
			return new CloudflareServerException(message.toString(), status, errors, retryAfter, null);
		}
		if (status >= 400 && status <= 499) {
			message.append("The server rejected the request.");
			return new CloudflareBadRequestException(message.toString(), status, errors, retryAfter, null);
		}
		message.append("The API does not answer with this status; check the base URL ").append(this.config.baseUrl())
			.append('.');
		return new CloudflareKVException(message.toString(), status, errors, retryAfter, null);
	}

	private String describe(String snippet) {
		String oneLine = this.authentication.redact(snippet).replaceAll("\\s+", " ").strip();
		return "body starts with \"" + oneLine + "\"";
	}

	private static boolean endsWithPeriod(CharSequence text) {
		return text.length() > 0 && text.charAt(text.length() - 1) == '.';
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	/** A query string; names and values are percent-encoded. */
	static final class Query {

		private final StringJoiner text = new StringJoiner("&");

		Query add(String name, @Nullable Object value) {
			if (value != null) {
				this.text.add(UrlEncoding.encode(name) + "=" + UrlEncoding.encode(value.toString()));
			}
			return this;
		}

		@Override
		public String toString() {
			return this.text.toString();
		}

	}

}
