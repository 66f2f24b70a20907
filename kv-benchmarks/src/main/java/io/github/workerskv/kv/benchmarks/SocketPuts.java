package io.github.workerskv.kv.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The cheapest HTTP/1.1 client there is, for loading a server rather than measuring a client: one kept-alive
 * socket per caller, a {@code PUT} of a fixed body written as it is, the answer read by its
 * {@code Content-Length}. It understands only what the emulator answers (no chunking, no redirects) and fails
 * on anything else. Not thread-safe: one per caller.
 */
final class SocketPuts implements AutoCloseable {

	private final URI base;

	private final byte[] body;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	SocketPuts(URI base, byte[] body) {
		this.base = base;
		this.body = body;
	}

	/** Puts the body at {@code path} (below the base URL's path) and checks the answer is 200. */
	void put(String path) throws IOException {
		if (this.socket == null) {
			this.socket = new Socket(this.base.getHost(), this.base.getPort());
			this.socket.setTcpNoDelay(true);
			this.in = new BufferedInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
		}
		String head = "PUT " + this.base.getRawPath() + path + " HTTP/1.1\r\nHost: " + this.base.getHost() + ":"
				+ this.base.getPort() + "\r\nAuthorization: Bearer " + EmulatorServer.TOKEN
				+ "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + this.body.length + "\r\n\r\n";
		this.out.write(head.getBytes(StandardCharsets.US_ASCII));
		this.out.write(this.body);
		this.out.flush();
		String headers = readHeaders();
		long length = -1;
		boolean close = false;
		for (String line : headers.split("\r\n")) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring("content-length:".length()).strip());
			}
			close |= lower.startsWith("connection:") && lower.contains("close");
		}
		if (length < 0) {
			throw new IOException("No Content-Length in the answer: " + headers);
		}
		this.in.readNBytes((int) length);
		if (close) {
			close();
		}
		if (!headers.startsWith("HTTP/1.1 200 ")) {
			throw new IOException("PUT " + path + ": " + headers.lines().findFirst().orElse(""));
		}
	}

	private String readHeaders() throws IOException {
		ByteArrayOutputStream headers = new ByteArrayOutputStream(256);
		int last4 = 0;
		while (last4 != 0x0d0a0d0a) {
			int b = this.in.read();
			if (b < 0) {
				close();
				throw new IOException("The connection ended within the answer's headers");
			}
			headers.write(b);
			last4 = (last4 << 8) | b;
		}
		return headers.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		if (this.socket != null) {
			this.socket.close();
			this.socket = null;
		}
	}

}
