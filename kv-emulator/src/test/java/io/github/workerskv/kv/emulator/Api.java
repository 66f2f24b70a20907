package io.github.workerskv.kv.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client of the emulator for tests: raw paths, real sockets, bounded timeouts. */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI base;

	private final @Nullable String token;

	private final String account;

	Api(URI base, @Nullable String token, String account) {
		this.base = base;
		this.token = token;
		this.account = account;
	}

	Api withToken(@Nullable String token) {
		return new Api(this.base, token, this.account);
	}

	Api withAccount(String account) {
		return new Api(this.base, this.token, account);
	}

	/** @return {@code /accounts/{account}/storage/kv/namespaces} */
	String namespaces() {
		return "/accounts/" + this.account + "/storage/kv/namespaces";
	}

	/** @return {@code /accounts/{account}/storage/kv/namespaces/{id}} */
	String namespace(String id) {
		return namespaces() + "/" + id;
	}

	String createNamespace(String title) {
		HttpResponse<byte[]> response = post(namespaces(), "{\"title\":" + JSON.writeValueAsString(title) + "}");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("create namespace failed: " + text(response));
		}
		return json(response).get("result").get("id").asString();
	}

	HttpResponse<byte[]> get(String path, String... headers) {
		return send("GET", path, BodyPublishers.noBody(), headers);
	}

	HttpResponse<byte[]> delete(String path, String... headers) {
		return send("DELETE", path, BodyPublishers.noBody(), headers);
	}

	HttpResponse<byte[]> put(String path, byte[] body, String... headers) {
		return send("PUT", path, BodyPublishers.ofByteArray(body), headers);
	}

	HttpResponse<byte[]> put(String path, String body, String... headers) {
		return put(path, body.getBytes(StandardCharsets.UTF_8), headers);
	}

	HttpResponse<byte[]> putJson(String path, String json) {
		return put(path, json, "Content-Type", "application/json");
	}

	HttpResponse<byte[]> post(String path, String json) {
		return send("POST", path, BodyPublishers.ofString(json), "Content-Type", "application/json");
	}

	HttpResponse<byte[]> deleteWithBody(String path, String json) {
		return send("DELETE", path, BodyPublishers.ofString(json), "Content-Type", "application/json");
	}

	/**
	 * @param path a raw path below the base URL, with any query string
	 * @return the response
	 */
	HttpResponse<byte[]> send(String method, String path, BodyPublisher body, String... headers) {
		List<String> all = new ArrayList<>(List.of(headers));
		if (this.token != null) {
			all.add("Authorization");
			all.add("Bearer " + this.token);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body);
		if (!all.isEmpty()) {
			request.headers(all.toArray(String[]::new));
		}
		try {
			return CLIENT.send(request.build(), BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a request over a plain socket, for request lines that {@link URI} refuses to build.
	 * @param method the method
	 * @param rawPath the raw path below the base URL
	 * @param body the body
	 * @return the status line, headers and body as received
	 */
	String raw(String method, String rawPath, String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		String head = method + " " + this.base.getRawPath() + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ ((this.token != null) ? "Authorization: Bearer " + this.token + "\r\n" : "")
				+ "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.base.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().write(content);
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode json(HttpResponse<byte[]> response) {
		return JSON.readTree(response.body());
	}

	static String text(HttpResponse<byte[]> response) {
		return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
	}

	/** @return the first error code of an error envelope */
	static int errorCode(HttpResponse<byte[]> response) {
		return json(response).get("errors").get(0).get("code").asInt();
	}

	/** @return the first error message of an error envelope */
	static String errorMessage(HttpResponse<byte[]> response) {
		return json(response).get("errors").get(0).get("message").asString();
	}

	/**
	 * Builds a multipart/form-data body as undici does.
	 * @param parts name, then value (String or byte[]), repeated; a byte[] part gets filename "blob"
	 * @return the content type and the body
	 */
	static Multipart multipart(Object... parts) {
		String boundary = "----formdata-undici-078914244387";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < parts.length; i += 2) {
			String name = (String) parts[i];
			Object value = parts[i + 1];
			StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
			if (value instanceof byte[]) {
				head.append("Content-Disposition: form-data; name=\"").append(name)
					.append("\"; filename=\"blob\"\r\nContent-Type: application/octet-stream\r\n\r\n");
			}
			else {
				head.append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n");
			}
			out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
			out.writeBytes((value instanceof byte[] bytes) ? bytes : value.toString().getBytes(StandardCharsets.UTF_8));
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
	}

	/**
	 * @param contentType the Content-Type header
	 * @param body the body
	 */
	record Multipart(String contentType, byte[] body) {
	}

}
