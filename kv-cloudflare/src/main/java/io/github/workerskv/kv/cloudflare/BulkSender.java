package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.workerskv.kv.BulkProgress;
import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.ValueTooLargeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Sends a bulk write or delete in requests the API accepts (at most 10,000 items and under 100 MB of
 * JSON each), each retried on its own by the transport: the first alone, then the others up to
 * {@value #LANES} at a time (so that a long-distance link waits one round trip per {@value #LANES} requests
 * rather than per request); then sends
 * again, in up to {@code maxAttempts - 1} more rounds, only the items the server listed in
 * {@code unsuccessful_keys}. A request that fails for good does not stop the others; its items are reported
 * as unconfirmed and not sent again. Every item is serialised once ({@link BulkItems}).
 */
final class BulkSender {

	/** Requests of one bulk call in flight at once. */
	static final int LANES = 4;

	/** Threads that send a bulk call's requests beside its caller; they never wait for one another. */
	private static final ExecutorService LANE_THREADS = laneThreads();

	private final RestContext context;

	private final String namespaceId;

	BulkSender(RestContext context, String namespaceId) {
		this.context = context;
		this.namespaceId = namespaceId;
	}

	/**
	 * Checks that every item fits in a request, before anything is sent.
	 * @param items the items
	 * @param what how messages name the call ({@code Bulk put})
	 * @return the items
	 * @throws ValueTooLargeException if an item alone is over the API's body limit
	 */
	BulkItems check(BulkItems items, String what) {
		List<Integer> all = new ArrayList<>(items.keys().size());
		for (int i = 0; i < items.keys().size(); i++) {
			all.add(i);
		}
		plan(items, all, what);
		return items;
	}

	/** What one request of a round answered. */
	private record Outcome(List<Integer> chunk, @Nullable JsonNode result, @Nullable CloudflareKVException failure) {
	}

	/**
	 * @param request the request of every chunk, without body
	 * @param what how messages name the call ({@code Bulk put})
	 * @param items the items
	 * @param progress told how many items were sent after each request of the first round
	 * @return what was confirmed
	 * @throws CloudflareBulkException if some requests failed, after every one was tried
	 */
	BulkResult send(ApiRequest request, String what, BulkItems items, BulkProgress progress) {
		List<String> keys = items.keys();
		List<Integer> todo = new ArrayList<>(keys.size());
		for (int i = 0; i < keys.size(); i++) {
			todo.add(i);
		}
		long successful = 0;
		long sent = 0;
		int requests = 0;
		boolean[] failed = new boolean[keys.size()];
		List<CloudflareKVException> failures = new ArrayList<>();
		int rounds = this.context.retries().maxAttempts();
		Call call = request.call();
		for (int round = 1; round <= rounds && !todo.isEmpty(); round++) {
			if (round > 1) {
				this.context.listener().onBulkKeysResent(call.binding(), call.operation(), todo.size());
				if (!pause(this.context.retries().backoff(round - 1))) {
					break;
				}
			}
			List<Integer> again = new ArrayList<>();
			List<List<Integer>> chunks = new ArrayList<>();
			for (BulkChunks.Range range : plan(items, todo, what)) {
				chunks.add(todo.subList(range.from(), range.to()));
			}
			requests += chunks.size();
			for (Outcome outcome : sendAll(request, items, chunks)) {
				List<Integer> chunk = outcome.chunk();
				CloudflareKVException failure = outcome.failure();
				if (failure != null) {
					failures.add(failure);
					chunk.forEach((index) -> failed[index] = true);
				}
				else {
					JsonNode result = outcome.result();
					List<String> notWritten = stringList((result != null) ? result.get("unsuccessful_keys") : null);
					Long count = (result != null) ? longOrNull(result.get("successful_key_count")) : null;
					successful += (count != null) ? count : chunk.size() - notWritten.size();
					Set<String> unconfirmed = new HashSet<>(notWritten);
					for (int index : chunk) {
						if (unconfirmed.contains(keys.get(index))) {
							again.add(index);
						}
					}
				}
				if (round == 1) {
					sent += chunk.size();
					progress.onProgress(sent, keys.size());
				}
			}
			again.sort(null);
			todo = again;
		}
		Set<Integer> stillUnsuccessful = new HashSet<>(todo);
		List<String> unsuccessful = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			if (failed[i] || stillUnsuccessful.contains(i)) {
				unsuccessful.add(keys.get(i));
			}
		}
		BulkResult result = new BulkResult(successful, unsuccessful);
		if (!failures.isEmpty()) {
			throw new CloudflareBulkException(what + " in namespace " + this.namespaceId + ": " + failures.size() + " of "
					+ requests + " requests failed and " + unsuccessful.size()
					+ " keys are unconfirmed (see result().unsuccessfulKeys()); first failure: "
					+ failures.get(0).getMessage(), result, failures);
		}
		return result;
	}

	/**
	 * Sends a round's requests: the first alone (so that an answer that refuses the whole call, such as a
	 * wrong token or namespace, costs one request, and a request's retries come before the next request),
	 * then the others up to {@value #LANES} at a time, the caller's thread sending its share. Returns when
	 * every one has answered or failed, in the order they finished. A failure other than the API's (a closed
	 * client, a body that failed) stops the round and is thrown once the requests in flight have ended.
	 */
	private List<Outcome> sendAll(ApiRequest request, BulkItems items, List<List<Integer>> chunks) {
		Outcome first = sendOne(request, items, chunks.get(0));
		if (chunks.size() == 1) {
			return List.of(first);
		}
		ConcurrentLinkedQueue<List<Integer>> queue = new ConcurrentLinkedQueue<>(chunks.subList(1, chunks.size()));
		ConcurrentLinkedQueue<Outcome> done = new ConcurrentLinkedQueue<>(List.of(first));
		AtomicReference<@Nullable RuntimeException> unexpected = new AtomicReference<>();
		Runnable lane = () -> {
			for (List<Integer> chunk = queue.poll(); chunk != null; chunk = queue.poll()) {
				if (unexpected.get() != null) {
					return;
				}
				try {
					done.add(sendOne(request, items, chunk));
				}
				catch (RuntimeException ex) {
					unexpected.compareAndSet(null, ex);
				}
			}
		};
		List<Future<?>> helpers = new ArrayList<>();
		for (int i = 1; i < Math.min(LANES, chunks.size() - 1); i++) {
			helpers.add(LANE_THREADS.submit(lane));
		}
		lane.run();
		boolean interrupted = false;
		for (Future<?> helper : helpers) {
			while (true) {
				try {
					helper.get();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					unexpected.compareAndSet(null, new IllegalStateException("A bulk request failed unexpectedly", ex.getCause()));
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		RuntimeException failure = unexpected.get();
		if (failure != null) {
			throw failure;
		}
		return new ArrayList<>(done);
	}

	private Outcome sendOne(ApiRequest request, BulkItems items, List<Integer> chunk) {
		List<String> keys = items.keys();
		chunk.forEach((index) -> this.context.cache().invalidate(this.namespaceId, keys.get(index)));
		try {
			JsonNode result = this.context.transport()
				.send(request.withBody(items.body(chunk)))
				.requireEnvelope()
				.result();
			return new Outcome(chunk, result, null);
		}
		catch (CloudflareKVException ex) {
			return new Outcome(chunk, null, ex);
		}
		finally {
			chunk.forEach((index) -> this.context.cache().invalidate(this.namespaceId, keys.get(index)));
		}
	}

	private static List<BulkChunks.Range> plan(BulkItems items, List<Integer> todo, String what) {
		try {
			return BulkChunks.plan(items.sizes(todo), BulkChunks.MAX_ITEMS, BulkChunks.MAX_BODY_BYTES);
		}
		catch (IllegalArgumentException ex) {
			throw new ValueTooLargeException(413, what + ": " + ex.getMessage() + ".");
		}
	}

	private static ExecutorService laneThreads() {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), (runnable) -> {
			Thread thread = new Thread(runnable, "cloudflare-kv-bulk-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Sleeps between bulk rounds; false if interrupted (the flag is kept). */
	private static boolean pause(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static @Nullable Long longOrNull(@Nullable JsonNode node) {
		return (node != null && node.isNumber()) ? node.asLong() : null;
	}

	private static List<String> stringList(@Nullable JsonNode node) {
		List<String> strings = new ArrayList<>();
		if (node != null && node.isArray()) {
			for (JsonNode item : node) {
				strings.add(item.isString() ? item.stringValue() : item.toString());
			}
		}
		return strings;
	}

}
