package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

/**
 * Sends requests with the JDK's {@link HttpClient} (HTTP/2 over TLS where the server offers it, HTTP/1.1
 * otherwise), taken from {@link FreshConnections} so that no connection is reused after being idle longer than
 * {@link CloudflareKVConfig#idleConnectionTimeout()}. A successful envelope is collected as bytes by the client's
 * own subscriber, without a thread hand-off.
 */
final class JdkHttpTransport extends HttpTransport {

	private final FreshConnections connections;

	JdkHttpTransport(CloudflareKVConfig config, Failures failures, LongSupplier nanoTime) {
		super(config, failures);
		this.connections = new FreshConnections(() -> httpClient(config), config.idleConnectionTimeout(), nanoTime);
	}

	private static HttpClient httpClient(CloudflareKVConfig config) {
		boolean tls = "https".equalsIgnoreCase(config.baseUrl().getScheme());
		return HttpClient.newBuilder()
			.version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
			.connectTimeout(config.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	HttpClientType type() {
		return HttpClientType.JDK;
	}

	@Override
	void closeClient() {
		this.connections.close();
	}

	/**
	 * {@code send}, not {@code sendAsync}: the JDK's {@code sendAsync} completes the caller's future through
	 * {@code CompletableFuture}'s default executor, which on a machine whose common pool has fewer than two
	 * threads (two cores or fewer) starts a new thread for every request (JFR of the benchmarks: one
	 * {@code Thread-N} started per request, and three to four times the CPU of a bare client per request).
	 */
	@Override
	HttpAnswer exchange(ApiRequest request, URI uri) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.config.requestTimeout())
			.header("Accept", request.streamed() ? RequestBody.OCTET_STREAM : RequestBody.JSON)
			.header("User-Agent", USER_AGENT);
		RequestBody requestBody = request.body();
		WatchedBody body = null;
		if (requestBody != null) {
			builder.header("Content-Type", requestBody.contentType());
			body = new WatchedBody(publisher(requestBody));
		}
		this.authentication.authenticate(builder::header);
		HttpRequest http = builder.method(request.method(), (body != null) ? body : BodyPublishers.noBody()).build();
		FreshConnections.Lease lease = this.connections.begin();
		HttpResponse<Body> response;
		try {
			response = lease.client().send(http, (info) -> subscriber(info, request.streamed()));
		}
		catch (IOException | UncheckedIOException ex) {
			lease.end();
			throw failure(request, uri, body, ex);
		}
		catch (InterruptedException ex) {
			lease.end();
			throw interrupted(request, ex);
		}
		catch (RuntimeException ex) {
			lease.end();
			throw ex;
		}
		Body received = response.body();
		Body leased = (received.stream() != null) ? new Body(null, lease.endingWith(received.stream())) : received;
		return new HttpAnswer(response.statusCode(), headers(response.headers()), leased, lease::end);
	}

	/**
	 * @param headers the JDK's response headers
	 * @return them as a transport shows them
	 */
	static ResponseHeaders headers(HttpHeaders headers) {
		return (name) -> headers.firstValue(name).orElse(null);
	}

	/** The body as bytes or as a stream, as {@link Body#collected} chooses by the status and length. */
	private static HttpResponse.BodySubscriber<Body> subscriber(HttpResponse.ResponseInfo info, boolean streamed) {
		long length = info.headers().firstValueAsLong("content-length").orElse(-1);
		if (Body.collected(info.statusCode(), length, streamed)) {
			return BodySubscribers.mapping(BodySubscribers.ofByteArray(), (bytes) -> new Body(bytes, null));
		}
		return BodySubscribers.mapping(BodySubscribers.ofInputStream(), (stream) -> new Body(null, stream));
	}

	/** What the HTTP client's failure to answer means; a failure says whether the request may have reached the server in full. */
	private RuntimeException failure(ApiRequest request, URI uri, @Nullable WatchedBody body, Exception ex) {
		if (ex instanceof HttpConnectTimeoutException) {
			return connectTimedOut(request, uri, ex);
		}
		boolean sent = body == null || body.allHandedOver();
		if (ex instanceof HttpTimeoutException) {
			return requestTimedOut(request, sent, ex);
		}
		if (ex instanceof ConnectException || ex instanceof SSLHandshakeException) {
			return unreachable(request, uri, ex);
		}
		return broken(request, sent, ex);
	}

	/**
	 * @param body a request body
	 * @return a publisher of its parts, in order; a stream part is read once, on the HTTP client's demand
	 */
	static BodyPublisher publisher(RequestBody body) {
		List<BodyPublisher> parts = new ArrayList<>(body.parts().size());
		for (RequestBody.Part part : body.parts()) {
			if (part instanceof RequestBody.Part.Bytes bytes) {
				parts.add(BodyPublishers.ofByteArray(bytes.array(), bytes.offset(), bytes.length()));
			}
			else if (part instanceof RequestBody.Part.Stream stream) {
				parts.add(BodyPublishers.ofInputStream(stream::stream));
			}
		}
		return (parts.size() == 1) ? parts.get(0) : BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
	}

}
