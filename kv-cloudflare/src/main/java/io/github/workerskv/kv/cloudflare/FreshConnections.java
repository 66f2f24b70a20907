package io.github.workerskv.kv.cloudflare;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Hands out the {@link HttpClient} for each exchange, so that no connection is reused after it was idle for
 * {@link CloudflareKVConfig#idleConnectionTimeout()}. Servers close idle connections on their own schedule
 * (the emulator after 30 s, Cloudflare's edge after 400 s, proxies in between sooner); a request sent on a
 * connection the server is closing fails with no response, or waits for one that never comes. The JDK's
 * client keeps idle HTTP/1.1 connections for 1,200 s (Java 17; 30 s in later releases) and lets only the JVM-wide
 * {@code jdk.httpclient.keepalive.timeout} change that, which a library must not set behind the
 * application's back; so the client bounds the idle time itself: when an exchange could be handed an
 * idle connection older than the timeout, it gets a new {@code HttpClient}, with no connections, instead.
 *
 * <p>Which connection the next exchange gets is predicted conservatively. The JDK's pool hands out the
 * connection returned longest ago first, so this class keeps the end time of every exchange of the current
 * client in the same order, and the exchange that starts takes the oldest: if that one is older than the
 * timeout, the pool might hold a connection that old. The prediction errs on the old side only, since the
 * pool may have closed connections this class still counts (a broken one, one the server closed), never the
 * other way round. A replaced client is shut down once its exchanges are over (Java 21 and later; on Java 17,
 * which cannot shut a client down, it is left to the garbage collector, and the server closes its idle
 * connections). Replacing a client costs the next exchange a new connection (and TLS handshake), once per
 * idle period at most.
 */
final class FreshConnections {

	private static final @Nullable MethodHandle SHUTDOWN = shutdownMethod();

	private final Supplier<HttpClient> clients;

	private final long idleNanos;

	private final LongSupplier nanoTime;

	private final Object lock = new Object();

	/** Guarded by {@link #lock}. */
	private Generation current;

	/**
	 * @param clients makes a new client
	 * @param idleTimeout the longest a connection may have been idle when it is reused
	 * @param nanoTime the ticker
	 */
	FreshConnections(Supplier<HttpClient> clients, Duration idleTimeout, LongSupplier nanoTime) {
		this.clients = clients;
		this.idleNanos = idleTimeout.toNanos();
		this.nanoTime = nanoTime;
		this.current = new Generation(clients.get());
	}

	/**
	 * Starts an exchange.
	 * @return the client to send it with; {@link Lease#end() end} the lease once the exchange is over
	 */
	Lease begin() {
		Generation idle = null;
		Lease lease;
		synchronized (this.lock) {
			long now = this.nanoTime.getAsLong();
			Long oldest = this.current.idleSince.pollFirst();
			if (oldest != null && now - oldest >= this.idleNanos) {
				idle = this.current.retire();
				this.current = new Generation(this.clients.get());
			}
			this.current.leases++;
			lease = new Lease(this.current);
		}
		shutdown(idle);
		return lease;
	}

	/** Shuts the current client down (on Java 21 and later) once its exchanges are over. */
	void close() {
		Generation idle;
		synchronized (this.lock) {
			idle = this.current.retire();
		}
		shutdown(idle);
	}

	private void end(Generation generation) {
		Generation idle = null;
		synchronized (this.lock) {
			generation.leases--;
			if (generation == this.current && !generation.retired) {
				generation.idleSince.addLast(this.nanoTime.getAsLong());
			}
			else if (generation.retired && generation.leases == 0) {
				idle = generation;
			}
		}
		shutdown(idle);
	}

	private static void shutdown(@Nullable Generation generation) {
		MethodHandle shutdown = SHUTDOWN;
		if (generation == null || shutdown == null) {
			return;
		}
		HttpClient client = generation.client;
		try {
			shutdown.invoke(client);
		}
		catch (Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// shutting down is a courtesy: the client is no longer used either way
		}
	}

	/** {@code HttpClient.shutdown()}, which Java 21 added: an orderly shutdown that lets exchanges finish. */
	private static @Nullable MethodHandle shutdownMethod() {
		try {
			return MethodHandles.publicLookup().findVirtual(HttpClient.class, "shutdown", MethodType.methodType(void.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

	/**
	 * One client, its exchanges in progress, and the end times of its exchanges not yet followed by a start:
	 * one per connection that may be idle in its pool, oldest first. Guarded by the lock of
	 * {@link FreshConnections}.
	 */
	private static final class Generation {

		private final HttpClient client;

		private final Deque<Long> idleSince = new ArrayDeque<>();

		private int leases;

		private boolean retired;

		Generation(HttpClient client) {
			this.client = client;
		}

		/** @return this generation if it can be shut down now, else {@code null} (its last exchange will) */
		@Nullable Generation retire() {
			this.retired = true;
			this.idleSince.clear();
			return (this.leases == 0) ? this : null;
		}

	}

	/** One exchange's use of a client. */
	final class Lease {

		private final Generation generation;

		private final AtomicBoolean ended = new AtomicBoolean();

		private Lease(Generation generation) {
			this.generation = generation;
		}

		/** @return the client to send the exchange with */
		HttpClient client() {
			return this.generation.client;
		}

		/**
		 * Ends the exchange: its connection is back in the pool, or closed. Only the first call counts; every
		 * lease must end, or its client is never shut down (it is then left to the garbage collector).
		 */
		void end() {
			if (this.ended.compareAndSet(false, true)) {
				FreshConnections.this.end(this.generation);
			}
		}

		/**
		 * @param body a response body that is read after the call returns
		 * @return the body, ending the exchange when it is read to its end or closed
		 */
		InputStream endingWith(InputStream body) {
			return new FilterInputStream(body) {

				@Override
				public int read() throws IOException {
					int read = super.read();
					if (read < 0) {
						end();
					}
					return read;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int read = super.read(buffer, offset, length);
					if (read < 0) {
						end();
					}
					return read;
				}

				@Override
				public void close() throws IOException {
					try {
						super.close();
					}
					finally {
						end();
					}
				}

			};
		}

	}

}
