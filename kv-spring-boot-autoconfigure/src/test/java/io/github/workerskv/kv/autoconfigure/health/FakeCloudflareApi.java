package io.github.workerskv.kv.autoconfigure.health;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers every request with one canned Cloudflare v4 envelope, and records what
 * it was asked.
 */
final class FakeCloudflareApi implements AutoCloseable {

	static final String LIST_OK = "{\"success\":true,\"errors\":[],\"messages\":[],"
			+ "\"result\":[{\"name\":\"greeting\"}],\"result_info\":{\"count\":1,\"cursor\":\"\"}}";

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String body = LIST_OK;

	private volatile Map<String, String> headers = Map.of();

	FakeCloudflareApi() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
			this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			this.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(this.status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
	}

	/** Answers from now on with this status, body and extra headers. */
	void answer(int status, String body, Map<String, String> headers) {
		this.status = status;
		this.body = body;
		this.headers = headers;
	}

	/** Answers from now on with a failed envelope carrying one error. */
	void fail(int status, int code, String message, Map<String, String> headers) {
		answer(status, "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
				+ "\"}],\"messages\":[],\"result\":null}", headers);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/client/v4";
	}

	List<String> requests() {
		return this.requests;
	}

	List<String> authorizations() {
		return this.authorizations;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
