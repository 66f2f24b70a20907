package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded slow-upload attack on 127.0.0.1: {@code count} connections each send a request's headers
 * at once and then its body one byte at a time. Everything is bounded: the number of connections, the
 * time the bytes trickle, and the time spent waiting for each answer.
 */
final class SlowClients implements AutoCloseable {

	private static final int ANSWER_TIMEOUT_MILLIS = 10_000;

	private final List<Socket> sockets;

	private final AtomicInteger bytesSent = new AtomicInteger();

	private volatile boolean closed;

	private SlowClients(List<Socket> sockets) {
		this.sockets = sockets;
	}

	/**
	 * Opens the connections and sends each one's headers.
	 * @param port the emulator's port
	 * @param count how many connections
	 * @param head the request line and headers, ending with the blank line
	 * @return the clients, still owing their bodies
	 */
	static SlowClients open(int port, int count, String head) {
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				Socket socket = new Socket("127.0.0.1", port);
				sockets.add(socket);
				socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
				socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
			}
		}
		catch (IOException ex) {
			sockets.forEach(SlowClients::closeQuietly);
			throw new UncheckedIOException(ex);
		}
		return new SlowClients(sockets);
	}

	/**
	 * Starts sending one byte per connection every {@code interval}, for at most {@code duration},
	 * on a daemon thread. A connection the server has closed is skipped from then on.
	 * @param interval the pause between rounds
	 * @param duration how long to trickle
	 * @return the thread, already started
	 */
	Thread trickle(Duration interval, Duration duration) {
		Thread thread = new Thread(() -> {
			long end = System.nanoTime() + duration.toNanos();
			boolean[] gone = new boolean[this.sockets.size()];
			while (!this.closed && System.nanoTime() < end) {
				for (int i = 0; i < this.sockets.size(); i++) {
					if (!gone[i]) {
						gone[i] = !sendOneByte(this.sockets.get(i));
					}
				}
				try {
					Thread.sleep(interval.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "slow-clients");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** @return the body bytes sent so far over all connections */
	int bytesSent() {
		return this.bytesSent.get();
	}

	/**
	 * Reads what each connection was answered, waiting at most 10 s for each.
	 * @return the answers, in the order the connections were opened
	 */
	List<RawHttp.Answer> answers() {
		List<RawHttp.Answer> answers = new ArrayList<>();
		for (Socket socket : this.sockets) {
			try {
				answers.add(RawHttp.read(socket.getInputStream()));
			}
			catch (IOException ex) {
				answers.add(new RawHttp.Answer(-1, Map.of(), new byte[0]));
			}
		}
		return answers;
	}

	@Override
	public void close() {
		this.closed = true;
		this.sockets.forEach(SlowClients::closeQuietly);
	}

	/** @return false once the server has answered or closed the connection: a client stops sending then */
	private boolean sendOneByte(Socket socket) {
		try {
			if (socket.getInputStream().available() > 0) {
				return false;
			}
			socket.getOutputStream().write('x');
			socket.getOutputStream().flush();
			this.bytesSent.incrementAndGet();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing a test socket
		}
	}

}
