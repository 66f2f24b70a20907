package io.github.workerskv.kv.spring.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loads through the cache: concurrent callers for one key in this JVM share one call of the loader, whether
 * they block ({@code get(key, loader)}) or not ({@code retrieve(key, loader)}). Waiting is bounded; nothing
 * here measures time.
 */
class KVCacheSingleFlightTests {

	private static final int WAITERS = 3;

	private final LocalKVStore store = LocalKVStore.inMemory();

	private final KVCache cache;

	KVCacheSingleFlightTests() {
		KVCacheManager manager = KVCacheManager.builder(this.store.namespace("flights")).build();
		manager.afterPropertiesSet();
		this.cache = (KVCache) manager.getCache("flights");
	}

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
		AtomicInteger loads = new AtomicInteger();
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ConcurrentLinkedQueue<Object> results = new ConcurrentLinkedQueue<>();
		Thread loader = start(() -> results.add(this.cache.get("k", () -> {
			loads.incrementAndGet();
			loading.countDown();
			assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
			return "loaded";
		})));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		List<Thread> waiters = new ArrayList<>();
		for (int i = 0; i < WAITERS; i++) {
			waiters.add(start(() -> results.add(this.cache.get("k", () -> "loaded again " + loads.incrementAndGet()))));
		}

		awaitWaiting(waiters);
		release.countDown();
		loader.join(10_000);
		for (Thread waiter : waiters) {
			waiter.join(10_000);
		}

		assertThat(loads).hasValue(1);
		assertThat(results).hasSize(WAITERS + 1).containsOnly("loaded");
	}

	@Test
	void waitersSeeTheLoadersFailure() throws Exception {
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		Thread loader = start(() -> capture(failures, () -> this.cache.get("k", () -> {
			loading.countDown();
			assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
			throw new IllegalStateException("backend down");
		})));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		Thread waiter = start(() -> capture(failures, () -> this.cache.get("k", () -> "never called")));

		awaitWaiting(List.of(waiter));
		release.countDown();
		loader.join(10_000);
		waiter.join(10_000);

		assertThat(failures).hasSize(2).allSatisfy((failure) -> assertThat(failure)
			.isInstanceOf(Cache.ValueRetrievalException.class)
			.hasRootCauseMessage("backend down"));
		assertThat(this.cache.get("k")).isNull();
	}

	@Test
	void aLoaderThatAsksForItsOwnKeyFailsInsteadOfDeadlocking() {
		assertThatExceptionOfType(Cache.ValueRetrievalException.class)
			.isThrownBy(() -> this.cache.get("k", () -> this.cache.get("k", () -> "inner")))
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("Recursive load of key 'k'");
	}

	@Test
	void concurrentAsynchronousRetrievesShareOneLoad() {
		AtomicInteger loads = new AtomicInteger();
		CompletableFuture<String> pending = new CompletableFuture<>();

		CompletableFuture<String> first = this.cache.retrieve("k", () -> {
			loads.incrementAndGet();
			return pending;
		});
		CompletableFuture<String> second = this.cache.retrieve("k", () -> {
			loads.incrementAndGet();
			return CompletableFuture.completedFuture("loaded again");
		});
		pending.complete("loaded");

		assertThat(first.join()).isEqualTo("loaded");
		assertThat(second.join()).isEqualTo("loaded");
		assertThat(loads).hasValue(1);
		assertThat(this.cache.get("k", String.class)).isEqualTo("loaded");
	}

	private static Thread start(Runnable task) {
		Thread thread = new Thread(task, "single-flight-test");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void capture(ConcurrentLinkedQueue<Throwable> failures, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			failures.add(ex);
		}
	}

	/** Polls, at most 10 seconds, until every thread is parked waiting for the shared load. */
	private static void awaitWaiting(List<Thread> threads) throws InterruptedException {
		for (int i = 0; i < 1_000; i++) {
			if (threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING)) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("The callers never waited for the shared load");
	}

}
