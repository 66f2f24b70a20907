package io.github.workerskv.kv.flags;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Users' documents, bounded (least recently used first out) and aged by the refresh interval.
 *
 * <p>A user's first lookup starts one read and waits for it up to the load timeout; concurrent lookups share
 * that read. Later lookups never wait: a document older than the interval is read again in the background
 * while the old one keeps answering. A failed read keeps the last good document (and is retried after the
 * interval, or after 5 s for a user never read successfully).
 */
final class UserDocuments {

	private static final Duration RETRY_UNKNOWN = Duration.ofSeconds(5);

	private final Map<String, Entry> entries;

	private final Function<String, DocumentSnapshot> reader;

	private final BiConsumer<String, RuntimeException> onFailure;

	private final Executor executor;

	private final Clock clock;

	private final Duration ttl;

	private final Duration loadTimeout;

	UserDocuments(int maxSize, Function<String, DocumentSnapshot> reader, BiConsumer<String, RuntimeException> onFailure,
			Executor executor, Clock clock, Duration ttl, Duration loadTimeout) {
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
				return size() > maxSize;
			}
		};
		this.reader = reader;
		this.onFailure = onFailure;
		this.executor = executor;
		this.clock = clock;
		this.ttl = ttl;
		this.loadTimeout = loadTimeout;
	}

	/**
	 * @param userId the user
	 * @return the user's document as last read, or {@code null} if it could not be read (yet)
	 */
	@Nullable DocumentSnapshot get(String userId) {
		Entry entry;
		synchronized (this.entries) {
			entry = this.entries.computeIfAbsent(userId, (id) -> new Entry());
		}
		CompletableFuture<Void> loading = entry.loadIfDue(userId);
		if (entry.snapshot == null && loading != null && !entry.failedOnce) {
			try {
				loading.get(this.loadTimeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				// Timed out or failed: the caller answers from the global document meanwhile.
			}
		}
		return entry.snapshot;
	}

	/** Makes every user whose last read failed due for a read at their next lookup. */
	void retryFailed() {
		synchronized (this.entries) {
			for (Entry entry : this.entries.values()) {
				if (entry.failedOnce) {
					entry.failedOnce = false;
					entry.checkedAt = null;
				}
			}
		}
	}

	void invalidate(String userId) {
		synchronized (this.entries) {
			this.entries.remove(userId);
		}
	}

	int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	private final class Entry {

		volatile @Nullable DocumentSnapshot snapshot;

		volatile @Nullable Instant checkedAt;

		volatile boolean failedOnce;

		private @Nullable CompletableFuture<Void> loading;

		synchronized @Nullable CompletableFuture<Void> loadIfDue(String userId) {
			if (this.loading != null && !this.loading.isDone()) {
				return this.loading;
			}
			Instant checked = this.checkedAt;
			Duration age = (checked != null) ? Duration.between(checked, UserDocuments.this.clock.instant()) : null;
			Duration ttl = UserDocuments.this.ttl;
			Duration due = (this.snapshot == null && RETRY_UNKNOWN.compareTo(ttl) < 0) ? RETRY_UNKNOWN : ttl;
			if (age != null && age.compareTo(due) < 0) {
				return null;
			}
			CompletableFuture<Void> started = new CompletableFuture<>();
			this.loading = started;
			try {
				UserDocuments.this.executor.execute(() -> load(userId, started));
			}
			catch (RuntimeException ex) {
				this.loading = null;
				started.completeExceptionally(ex);
			}
			return started;
		}

		private void load(String userId, CompletableFuture<Void> done) {
			try {
				DocumentSnapshot read = UserDocuments.this.reader.apply(userId);
				this.snapshot = read;
				this.checkedAt = read.readAt();
				done.complete(null);
			}
			catch (RuntimeException ex) {
				this.failedOnce = true;
				this.checkedAt = UserDocuments.this.clock.instant();
				try {
					UserDocuments.this.onFailure.accept(userId, ex);
				}
				finally {
					done.completeExceptionally(ex);
				}
			}
		}

	}

}
