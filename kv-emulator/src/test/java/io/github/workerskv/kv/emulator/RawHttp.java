package io.github.workerskv.kv.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Exact bytes over a plain socket to 127.0.0.1, for requests no HTTP client will send (broken
 * framing, raw non-ASCII bytes, foreign protocol prefaces). Every read has a timeout; the answer is
 * whatever arrived until the server closed the connection or the timeout passed.
 */
final class RawHttp {

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private static final int MAX_ANSWER_BYTES = 1024 * 1024;

	private RawHttp() {
	}

	/**
	 * Sends the bytes, half-closes the socket's output, and reads the answer.
	 * @param port the emulator's port
	 * @param request the request, exactly as it goes on the wire
	 * @return the answer
	 */
	static Answer send(int port, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.getOutputStream().write(request);
			socket.getOutputStream().flush();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param text the request; ISO-8859-1, so {@code \u00ff} is the byte 0xFF
	 * @return the answer
	 */
	static Answer send(int port, String text) {
		return send(port, text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Reads one answer: up to the server's close, or the end of the body its Content-Length declares.
	 * @param in the socket's input
	 * @return the answer
	 */
	static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			while (received.size() < MAX_ANSWER_BYTES && !complete(received.toByteArray())) {
				int n = in.read(buffer);
				if (n < 0) {
					break;
				}
				received.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			// What arrived is the answer; an empty one fails the caller's assertions.
		}
		return Answer.parse(received.toByteArray());
	}

	private static boolean complete(byte[] bytes) {
		Answer answer = Answer.parse(bytes);
		if (answer.status() < 0) {
			return false;
		}
		String length = answer.headers().get("content-length");
		return length != null && answer.body().length >= Long.parseLong(length.trim());
	}

	/**
	 * An HTTP/1.1 answer as received.
	 * @param status the status code, or -1 if no complete status line and headers arrived
	 * @param headers header names in lower case, first value of each
	 * @param body the bytes after the headers
	 */
	record Answer(int status, Map<String, String> headers, byte[] body) {

		static Answer parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (!text.startsWith("HTTP/1.") || end < 0) {
				return new Answer(-1, Map.of(), bytes);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new TreeMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							lines[i].substring(colon + 1).trim());
				}
			}
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			byte[] body = new byte[bytes.length - end - 4];
			System.arraycopy(bytes, end + 4, body, 0, body.length);
			return new Answer(status, headers, body);
		}

		/** @return the body as a v4 envelope */
		JsonNode envelope() {
			return Api.JSON.readTree(this.body);
		}

		int errorCode() {
			return envelope().at("/errors/0/code").asInt();
		}

		String errorMessage() {
			return envelope().at("/errors/0/message").asString();
		}

		@Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public String toString() {
			return this.status + " " + this.headers + " " + new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
