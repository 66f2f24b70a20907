package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLSession;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Transport} that answers like Cloudflare's KV API from memory, with scripted failures, so that
 * retries, pacing and bulk rounds are tested without a network. Values are stored as sent (raw bodies;
 * multipart is not parsed). Thread-safe.
 */
final class FakeKVApi implements Transport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, byte[]> values = new ConcurrentHashMap<>();

	private final Deque<Scripted> script = new ArrayDeque<>();

	private final Set<String> unsuccessfulOnce = new HashSet<>();

	private final List<String> requests = new ArrayList<>();

	/** @return every request so far, as {@code METHOD path} (bulk requests with their key count) */
	synchronized List<String> requests() {
		return List.copyOf(this.requests);
	}

	/** @return the value stored under a key, whatever the namespace */
	byte[] value(String key) {
		return this.values.get(key);
	}

	/** @return how many keys are stored */
	int size() {
		return this.values.size();
	}

	/**
	 * The next {@code count} requests that match fail with this status.
	 * @param headers extra response headers such as {@code Retry-After}
	 */
	synchronized FakeKVApi fail(int count, Predicate<String> when, int status, Map<String, String> headers) {
		this.script.addLast(new Scripted(count, when, status, headers));
		return this;
	}

	/** The next {@code count} requests that match get no answer (the connection drops). */
	synchronized FakeKVApi drop(int count, Predicate<String> when) {
		return fail(count, when, 0, Map.of());
	}

	/** The next bulk writes or deletes report these keys once each in {@code unsuccessful_keys}, untouched. */
	synchronized FakeKVApi unsuccessfulOnce(Set<String> keys) {
		this.unsuccessfulOnce.addAll(keys);
		return this;
	}

	@Override
	public HttpResponse<InputStream> send(HttpRequest request) {
		String path = request.uri().getRawPath();
		String line = request.method() + " " + path;
		byte[] body = body(request);
		boolean bulkWrite = path.endsWith("/bulk") || path.endsWith("/bulk/delete");
		Scripted fault;
		synchronized (this) {
			this.requests.add(bulkWrite ? line + " (" + JSON.readTree(body).size() + " keys)" : line);
			fault = take(line);
		}
		if (fault != null) {
			if (fault.status == 0) {
				throw new CloudflareIOException(line + " failed: the connection broke (scripted).", 0, List.of(), null,
						null);
			}
			return answer(request, fault.status, fault.headers, "{\"success\":false,\"errors\":[{\"code\":"
					+ ((fault.status == 429) ? 971 : 10002) + ",\"message\":\"scripted " + fault.status + "\"}],\"messages\":[],\"result\":null}");
		}
		return serve(request, path, body);
	}

	private HttpResponse<InputStream> serve(HttpRequest request, String path, byte[] body) {
		String method = request.method();
		int values = path.indexOf("/values/");
		if (values >= 0) {
			String key = URLDecoder.decode(path.substring(values + 8), StandardCharsets.UTF_8);
			switch (method) {
				case "PUT" -> this.values.put(key, body);
				case "DELETE" -> {
					if (this.values.remove(key) == null) {
						return answer(request, 404, Map.of(), "{\"success\":false,\"errors\":[{\"code\":10009,"
								+ "\"message\":\"delete: 'key not found'\"}],\"messages\":[],\"result\":null}");
					}
				}
				default -> {
					byte[] value = this.values.get(key);
					if (value == null) {
						return answer(request, 404, Map.of(), "{\"success\":false,\"errors\":[{\"code\":10009,"
								+ "\"message\":\"get: 'key not found'\"}],\"messages\":[],\"result\":null}");
					}
					return new Response(request, 200, Map.of(), value);
				}
			}
			return answer(request, 200, Map.of(), "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{}}");
		}
		if (path.endsWith("/bulk") || path.endsWith("/bulk/delete")) {
			JsonNode items = JSON.readTree(body);
			List<String> unsuccessful = new ArrayList<>();
			int written = 0;
			for (JsonNode item : items) {
				String key = item.isString() ? item.stringValue() : item.get("key").stringValue();
				boolean fails;
				synchronized (this) {
					fails = this.unsuccessfulOnce.remove(key);
				}
				if (fails) {
					unsuccessful.add(key);
					continue;
				}
				if (item.isString()) {
					this.values.remove(key);
				}
				else {
					this.values.put(key, item.get("value").stringValue().getBytes(StandardCharsets.UTF_8));
				}
				written++;
			}
			return answer(request, 200, Map.of(), "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":"
					+ "{\"successful_key_count\":" + written + ",\"unsuccessful_keys\":" + JSON.writeValueAsString(unsuccessful)
					+ "}}");
		}
		if (path.endsWith("/bulk/get")) {
			JsonNode asked = JSON.readTree(body);
			tools.jackson.databind.node.ObjectNode found = JSON.createObjectNode();
			for (JsonNode key : asked.get("keys")) {
				byte[] value = this.values.get(key.stringValue());
				if (value == null) {
					found.putNull(key.stringValue());
				}
				else {
					found.put(key.stringValue(), new String(value, StandardCharsets.UTF_8));
				}
			}
			return answer(request, 200, Map.of(), "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":"
					+ "{\"values\":" + JSON.writeValueAsString(found) + "}}");
		}
		if (path.endsWith("/keys")) {
			return answer(request, 200, Map.of(), "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[],"
					+ "\"result_info\":{\"count\":0,\"cursor\":\"\"}}");
		}
		return answer(request, 404, Map.of(), "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"No route\"}],"
				+ "\"messages\":[],\"result\":null}");
	}

	private Scripted take(String line) {
		for (Scripted scripted : this.script) {
			if (scripted.when.test(line)) {
				if (--scripted.remaining == 0) {
					this.script.remove(scripted);
				}
				return scripted;
			}
		}
		return null;
	}

	private static HttpResponse<InputStream> answer(HttpRequest request, int status, Map<String, String> headers,
			String json) {
		return new Response(request, status, headers, json.getBytes(StandardCharsets.UTF_8));
	}

	/** Reads a request's body by subscribing to its publisher, as the HTTP client would. */
	private static byte[] body(HttpRequest request) {
		if (request.bodyPublisher().isEmpty()) {
			return new byte[0];
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CountDownLatch done = new CountDownLatch(1);
		request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(ByteBuffer item) {
				byte[] bytes = new byte[item.remaining()];
				item.get(bytes);
				out.writeBytes(bytes);
			}

			@Override
			public void onError(Throwable throwable) {
				done.countDown();
			}

			@Override
			public void onComplete() {
				done.countDown();
			}

		});
		try {
			if (!done.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the request body did not end within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static final class Scripted {

		private int remaining;

		private final Predicate<String> when;

		private final int status;

		private final Map<String, String> headers;

		Scripted(int remaining, Predicate<String> when, int status, Map<String, String> headers) {
			this.remaining = remaining;
			this.when = when;
			this.status = status;
			this.headers = headers;
		}

	}

	private record Response(HttpRequest request, int statusCode, Map<String, String> headerMap, byte[] bytes)
			implements HttpResponse<InputStream> {

		@Override
		public Optional<HttpResponse<InputStream>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public HttpHeaders headers() {
			Map<String, List<String>> map = new java.util.HashMap<>();
			this.headerMap.forEach((name, value) -> map.put(name, List.of(value)));
			return HttpHeaders.of(map, (name, value) -> true);
		}

		@Override
		public InputStream body() {
			return new ByteArrayInputStream(this.bytes);
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public URI uri() {
			return this.request.uri();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
