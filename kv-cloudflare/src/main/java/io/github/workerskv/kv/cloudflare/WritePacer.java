package io.github.workerskv.kv.cloudflare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-key write pacing for one client, as {@link WritePacingOptions} describes it: a key's write is sent
 * when its window is open (nothing of the key in flight, and its last write ended at least
 * {@code interval} ago); otherwise it becomes the key's pending write, replacing any earlier pending one,
 * and is sent when the window opens. After a write whose outcome is unknown
 * ({@link CloudflareAmbiguousWriteException}) the key's window stays closed for the retry options'
 * {@code ambiguousWriteSettleTime} instead, when it is set and longer: the key's next write then goes out
 * only once that attempt can no longer land after it.
 *
 * <p>Each {@link Write} carries its own {@link Write#send() send} (the namespace's retried request). Sends
 * run in the caller's thread for a synchronous write whose window is open, otherwise on the sender
 * executor; the {@link Scheduler} only times the windows. All state is guarded by one lock, held briefly
 * and never while sending or calling the listener.
 */
final class WritePacer {

	private static final Logger logger = LoggerFactory.getLogger(WritePacer.class);

	private static final int PRUNE_AT = 10_000;

	private final Duration interval;

	private final Duration afterUnknownOutcome;

	private final Clock clock;

	private final Executor sender;

	private final Scheduler scheduler;

	private final KVListener listener;

	private final Object lock = new Object();

	/** Every key with something pending, in flight, or written within the interval. Guarded by {@link #lock}. */
	private final Map<String, KeyState> keys = new HashMap<>();

	/** Failed writes whose callers had already returned, until a flush reports them. Guarded by {@link #lock}. */
	private final List<Failure> failures = new ArrayList<>();

	private int pruneAt = PRUNE_AT;

	private boolean closed;

	/**
	 * @param options the pacing options
	 * @param settleTime the retry options' {@code ambiguousWriteSettleTime}, or {@code null}
	 * @param clock times the windows
	 * @param sender sends the writes that are not sent in their caller's thread
	 * @param scheduler runs the sends when their windows open
	 * @param listener told of coalesced and failed writes
	 */
	WritePacer(WritePacingOptions options, @Nullable Duration settleTime, Clock clock, Executor sender,
			Scheduler scheduler, KVListener listener) {
		this.interval = options.interval();
		this.afterUnknownOutcome = (settleTime != null && settleTime.compareTo(this.interval) > 0) ? settleTime
				: this.interval;
		this.clock = clock;
		this.sender = sender;
		this.scheduler = scheduler;
		this.listener = listener;
	}

	/**
	 * Paces a write.
	 * @param write the write
	 * @param inCaller whether the caller waits: if the window is open the write is sent in the calling thread
	 * and its failure thrown; if not, the caller only learns that it was accepted
	 * @return completes when the write, or the later one that replaced it, was sent
	 * @throws IllegalStateException if the client is closed
	 * @throws RuntimeException what the send threw, when it was sent in the calling thread
	 */
	CompletableFuture<Void> submit(Write write, boolean inCaller) {
		String id = write.id();
		CompletableFuture<Void> future = new CompletableFuture<>();
		boolean sendNow;
		boolean coalesced = false;
		synchronized (this.lock) {
			checkOpen();
			KeyState state = this.keys.computeIfAbsent(id, (ignored) -> new KeyState(write.namespaceId(), write.key()));
			Instant now = this.clock.instant();
			sendNow = state.idle(now);
			if (sendNow) {
				state.startSending(write);
			}
			else {
				coalesced = state.pending != null;
				state.pending = write;
				state.waiters.add(new Waiter(future, !inCaller));
				if (state.inFlight == null) {
					scheduleLocked(id, state, now);
				}
			}
		}
		if (coalesced) {
			this.listener.onWriteCoalesced(write.binding(), write.operation());
		}
		if (!sendNow) {
			return future;
		}
		List<Waiter> waiters = List.of(new Waiter(future, true));
		if (inCaller) {
			RuntimeException failure = send(write, waiters);
			if (failure != null) {
				throw failure;
			}
		}
		else {
			dispatch(write, waiters);
		}
		return future;
	}

	/**
	 * Starts a write that cannot wait (a streamed value) if the key's window is open.
	 * @param write the write; its {@link Write#send()} is not used
	 * @return whether the caller may send it now, and must then call {@link #end}
	 */
	boolean tryBegin(Write write) {
		synchronized (this.lock) {
			checkOpen();
			KeyState state = this.keys.computeIfAbsent(write.id(), (ignored) -> new KeyState(write.namespaceId(),
					write.key()));
			if (!state.idle(this.clock.instant())) {
				return false;
			}
			state.startSending(write);
			return true;
		}
	}

	/**
	 * Ends a write started with {@link #tryBegin}; its caller sees its failure.
	 * @param write the write
	 * @param failure what its send threw, or {@code null}
	 */
	void end(Write write, @Nullable RuntimeException failure) {
		finish(write, List.of(), failure);
	}

	/**
	 * @param namespaceId the namespace
	 * @param key the key
	 * @return the latest write of the key not yet known to be applied (pending, else in flight), or {@code null}
	 */
	@Nullable Write latest(String namespaceId, String key) {
		synchronized (this.lock) {
			KeyState state = this.keys.get(Write.id(namespaceId, key));
			if (state == null) {
				return null;
			}
			return (state.pending != null) ? state.pending : state.inFlight;
		}
	}

	/**
	 * Takes the pending writes of keys that a bulk call is about to write or delete: the bulk call replaces
	 * them.
	 * @param namespaceId the namespace
	 * @param keys the bulk call's keys
	 * @param binding the namespace's name
	 * @param operation the bulk call
	 * @return the replaced writes' waiters by key, to {@link #settle} once the bulk call is over
	 */
	Map<String, List<Waiter>> supersede(String namespaceId, Collection<String> keys, String binding, String operation) {
		Map<String, List<Waiter>> superseded = new HashMap<>();
		synchronized (this.lock) {
			if (this.keys.isEmpty()) {
				return superseded;
			}
			for (String key : keys) {
				KeyState state = this.keys.get(Write.id(namespaceId, key));
				if (state != null && state.pending != null) {
					superseded.computeIfAbsent(key, (ignored) -> new ArrayList<>()).addAll(state.waiters);
					state.pending = null;
					state.waiters = new ArrayList<>();
				}
			}
		}
		for (int i = 0; i < superseded.size(); i++) {
			this.listener.onWriteCoalesced(binding, operation);
		}
		return superseded;
	}

	/**
	 * Settles the writes a bulk call replaced.
	 * @param namespaceId the namespace
	 * @param binding the namespace's name
	 * @param operation the bulk call
	 * @param superseded what {@link #supersede} returned
	 * @param unconfirmed the keys the bulk call did not confirm
	 * @param failure why they were not confirmed, or {@code null} if all were
	 */
	void settle(String namespaceId, String binding, String operation, Map<String, List<Waiter>> superseded,
			Set<String> unconfirmed, @Nullable RuntimeException failure) {
		superseded.forEach((key, waiters) -> {
			RuntimeException keyFailure = unconfirmed.contains(key) ? failure : null;
			Write write = new Write(namespaceId, binding, key, operation, null, () -> {
			});
			complete(write, waiters, keyFailure);
			if (keyFailure != null && anyUnobserved(waiters)) {
				synchronized (this.lock) {
					this.failures.add(new Failure(write, keyFailure));
				}
				report(write, keyFailure);
			}
		});
	}

	/**
	 * Waits until every write accepted so far (of one namespace, or all) was sent, and reports those that
	 * failed since the last flush.
	 * @param namespaceId the namespace, or {@code null} for all
	 * @param timeout how long to wait at most
	 * @throws CloudflarePacedWriteException if some writes failed, or were still pending after the timeout
	 */
	void flush(@Nullable String namespaceId, Duration timeout) {
		List<CompletableFuture<?>> waits = new ArrayList<>();
		synchronized (this.lock) {
			for (KeyState state : this.keys.values()) {
				if (namespaceId != null && !namespaceId.equals(state.namespaceId)) {
					continue;
				}
				if (state.inFlightDone != null) {
					waits.add(state.inFlightDone);
				}
				if (state.pending != null) {
					CompletableFuture<Void> sent = new CompletableFuture<>();
					state.waiters.add(new Waiter(sent, true));
					waits.add(sent.exceptionally((ex) -> null));
				}
			}
		}
		List<String> stillPending = new ArrayList<>();
		try {
			CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			synchronized (this.lock) {
				this.keys.values().stream()
					.filter((state) -> (namespaceId == null || namespaceId.equals(state.namespaceId))
							&& (state.pending != null || state.inFlight != null))
					.forEach((state) -> stillPending.add(state.namespaceId + "/" + state.key));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CloudflareIOException("flush() was interrupted while waiting for paced writes.", 0, List.of(),
					null, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A flush wait failed, which it cannot", ex);
		}
		List<Failure> failed = drainFailures(namespaceId);
		if (failed.isEmpty() && stillPending.isEmpty()) {
			return;
		}
		List<String> keys = new ArrayList<>();
		List<RuntimeException> causes = new ArrayList<>();
		for (Failure failure : failed) {
			keys.add(failure.write().namespaceId() + "/" + failure.write().key());
			causes.add(failure.cause());
		}
		for (String key : stillPending) {
			keys.add(key);
			causes.add(new IllegalStateException("still pending after waiting " + RetryWaits.describe(timeout)));
		}
		throw new CloudflarePacedWriteException(keys.size() + " paced " + ((keys.size() == 1) ? "write" : "writes")
				+ " could not be sent: " + preview(keys) + ". First failure: " + causes.get(0).getMessage(), keys, causes);
	}

	/**
	 * Refuses new writes, sends what is pending within the timeout, and fails whatever is left.
	 * @param timeout how long to wait for pending writes
	 * @throws CloudflarePacedWriteException if some writes could not be sent
	 */
	void close(Duration timeout) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		CloudflarePacedWriteException flushFailure = null;
		try {
			flush(null, timeout);
		}
		catch (CloudflarePacedWriteException ex) {
			flushFailure = ex;
		}
		List<Failure> abandoned = new ArrayList<>();
		synchronized (this.lock) {
			for (KeyState state : this.keys.values()) {
				if (state.pending != null) {
					IllegalStateException closedFailure = new IllegalStateException("The client closed before the "
							+ state.pending.operation() + " of key '" + state.key + "' could be sent");
					abandoned.add(new Failure(state.pending, closedFailure, state.waiters));
					state.pending = null;
					state.waiters = new ArrayList<>();
				}
			}
		}
		for (Failure failure : abandoned) {
			complete(failure.write(), failure.waiters(), failure.cause());
			report(failure.write(), failure.cause());
		}
		this.scheduler.shutdown();
		if (flushFailure != null) {
			throw flushFailure;
		}
	}

	// ---- internals -----------------------------------------------------------------------------

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("This CloudflareKVClient is closed; create a new one");
		}
	}

	private void scheduleLocked(String id, KeyState state, Instant now) {
		if (state.scheduled) {
			return;
		}
		state.scheduled = true;
		Duration delay = Duration.between(now, state.nextAllowed);
		this.scheduler.schedule(() -> fire(id), delay.isNegative() ? Duration.ZERO : delay);
	}

	/** A key's window may have opened: send its pending write, or wait some more. */
	private void fire(String id) {
		Write write;
		List<Waiter> waiters;
		synchronized (this.lock) {
			KeyState state = this.keys.get(id);
			if (state == null) {
				return;
			}
			state.scheduled = false;
			if (state.pending == null || state.inFlight != null) {
				return;
			}
			Instant now = this.clock.instant();
			if (now.isBefore(state.nextAllowed)) {
				scheduleLocked(id, state, now);
				return;
			}
			write = state.pending;
			waiters = state.waiters;
			state.pending = null;
			state.waiters = new ArrayList<>();
			state.startSending(write);
		}
		dispatch(write, waiters);
	}

	private void dispatch(Write write, List<Waiter> waiters) {
		try {
			this.sender.execute(() -> send(write, waiters));
		}
		catch (RejectedExecutionException ex) {
			finish(write, waiters, new IllegalStateException("The client's executor refused to send the "
					+ write.operation() + " of key '" + write.key() + "'", ex));
		}
	}

	private @Nullable RuntimeException send(Write write, List<Waiter> waiters) {
		RuntimeException failure = null;
		try {
			write.send().run();
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		finish(write, waiters, failure);
		return failure;
	}

	private void finish(Write write, List<Waiter> waiters, @Nullable RuntimeException failure) {
		CompletableFuture<Void> done;
		boolean unobserved = failure != null && anyUnobserved(waiters);
		synchronized (this.lock) {
			KeyState state = this.keys.get(write.id());
			if (state == null) {
				throw new IllegalStateException("A paced write finished for a key the pacer does not know");
			}
			done = state.inFlightDone;
			state.inFlight = null;
			state.inFlightDone = null;
			Instant now = this.clock.instant();
			state.nextAllowed = now.plus((failure instanceof CloudflareAmbiguousWriteException)
					? this.afterUnknownOutcome : this.interval);
			if (state.pending != null) {
				scheduleLocked(write.id(), state, now);
			}
			if (unobserved && failure != null) {
				this.failures.add(new Failure(write, failure));
			}
			pruneLocked(now);
		}
		complete(write, waiters, failure);
		if (done != null) {
			done.complete(null);
		}
		if (unobserved && failure != null) {
			report(write, failure);
		}
	}

	private void complete(Write write, List<Waiter> waiters, @Nullable RuntimeException failure) {
		for (Waiter waiter : waiters) {
			if (failure == null) {
				waiter.future().complete(null);
			}
			else {
				waiter.future().completeExceptionally(failure);
			}
		}
	}

	private void report(Write write, RuntimeException failure) {
		this.listener.onWriteFailed(write.binding(), write.operation(), write.key(), failure);
		logger.warn("Paced {} of key '{}' in namespace {} could not be sent: {}", write.operation(), write.key(),
				write.binding(), failure.getMessage());
	}

	private List<Failure> drainFailures(@Nullable String namespaceId) {
		synchronized (this.lock) {
			List<Failure> drained = new ArrayList<>();
			for (Iterator<Failure> it = this.failures.iterator(); it.hasNext();) {
				Failure failure = it.next();
				if (namespaceId == null || namespaceId.equals(failure.write().namespaceId())) {
					drained.add(failure);
					it.remove();
				}
			}
			return drained;
		}
	}

	private void pruneLocked(Instant now) {
		if (this.keys.size() < this.pruneAt) {
			return;
		}
		this.keys.values().removeIf((state) -> state.idle(now) && !state.scheduled);
		this.pruneAt = Math.max(PRUNE_AT, this.keys.size() * 2);
	}

	private static boolean anyUnobserved(List<Waiter> waiters) {
		return waiters.stream().anyMatch((waiter) -> !waiter.observed());
	}

	private static String preview(List<String> keys) {
		return (keys.size() <= 10) ? String.join(", ", keys) : String.join(", ", keys.subList(0, 10)) + " and "
				+ (keys.size() - 10) + " more";
	}

	/** Times the windows: runs a task after a delay, on a thread that must not block for long. */
	interface Scheduler {

		/**
		 * @param task what to run
		 * @param delay how long from now, not negative
		 */
		void schedule(Runnable task, Duration delay);

		/** Stops running tasks. */
		void shutdown();

	}

	/**
	 * One paced write.
	 * @param namespaceId the namespace
	 * @param binding the namespace's name
	 * @param key the key
	 * @param operation {@code put} or {@code delete} (or the bulk call that replaced them)
	 * @param value what reads of the key see until the put is applied (value, metadata, expiration), or
	 * {@code null} for a delete or a streamed value
	 * @param send sends it, retrying as configured; throws what made it fail for good
	 */
	record Write(String namespaceId, String binding, String key, String operation, @Nullable StoredValue value,
			Runnable send) {

		String id() {
			return id(this.namespaceId, this.key);
		}

		boolean delete() {
			return "delete".equals(this.operation);
		}

		static String id(String namespaceId, String key) {
			return namespaceId + '\u0000' + key;
		}

	}

	/**
	 * Someone waiting for a write.
	 * @param future completes when the write (or its replacement) was sent
	 * @param observed whether someone will see the future's failure (an async caller or a flush)
	 */
	record Waiter(CompletableFuture<Void> future, boolean observed) {
	}

	/**
	 * A write that could not be sent.
	 * @param write the write
	 * @param cause why
	 * @param waiters who waited for it
	 */
	private record Failure(Write write, RuntimeException cause, List<Waiter> waiters) {

		Failure(Write write, RuntimeException cause) {
			this(write, cause, List.of());
		}

	}

	/** What the pacer knows of one key. Guarded by the pacer's lock. */
	private static final class KeyState {

		private final String namespaceId;

		private final String key;

		private @Nullable Write inFlight;

		private @Nullable CompletableFuture<Void> inFlightDone;

		private @Nullable Write pending;

		private List<Waiter> waiters = new ArrayList<>();

		private Instant nextAllowed = Instant.MIN;

		private boolean scheduled;

		KeyState(String namespaceId, String key) {
			this.namespaceId = namespaceId;
			this.key = key;
		}

		/** Whether a write may be sent now: nothing pending or in flight, and the window open. */
		boolean idle(Instant now) {
			return this.inFlight == null && this.pending == null && !now.isBefore(this.nextAllowed);
		}

		void startSending(Write write) {
			this.inFlight = write;
			this.inFlightDone = new CompletableFuture<>();
		}

	}

}
