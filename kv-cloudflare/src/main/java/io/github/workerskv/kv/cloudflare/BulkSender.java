package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.workerskv.kv.BulkProgress;
import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.ValueTooLargeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Sends a bulk write or delete in requests the API accepts (at most 10,000 items and under 100 MB of
 * JSON each), each retried on its own by the transport; then sends again, in up to {@code maxAttempts - 1}
 * more rounds, only the items the server listed in {@code unsuccessful_keys}. A request that fails for
 * good does not stop the others; its items are reported as unconfirmed and not sent again. Every item is
 * serialised once; a request's body is its items' JSON joined into an array.
 */
final class BulkSender {

	private final RestContext context;

	private final String namespaceId;

	BulkSender(RestContext context, String namespaceId) {
		this.context = context;
		this.namespaceId = namespaceId;
	}

	/**
	 * One bulk call's items.
	 * @param keys the items' keys, in order
	 * @param json each item's JSON, in the same order
	 */
	record Items(List<String> keys, List<byte[]> json) {
	}

	/**
	 * Checks that every item fits in a request, before anything is sent.
	 * @param items the items
	 * @param what how messages name the call ({@code Bulk put})
	 * @return the items
	 * @throws ValueTooLargeException if an item alone is over the API's body limit
	 */
	Items check(Items items, String what) {
		List<Integer> all = new ArrayList<>(items.keys().size());
		for (int i = 0; i < items.keys().size(); i++) {
			all.add(i);
		}
		plan(items.json(), all, what);
		return items;
	}

	/**
	 * @param request the request of every chunk, without body
	 * @param what how messages name the call ({@code Bulk put})
	 * @param items the items
	 * @param progress told how many items were sent after each request of the first round
	 * @return what was confirmed
	 * @throws CloudflareBulkException if some requests failed, after every one was tried
	 */
	BulkResult send(ApiRequest request, String what, Items items, BulkProgress progress) {
		List<String> keys = items.keys();
		List<byte[]> json = items.json();
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
			for (BulkChunks.Range range : plan(json, todo, what)) {
				List<Integer> chunk = todo.subList(range.from(), range.to());
				chunk.forEach((index) -> this.context.cache().invalidate(this.namespaceId, keys.get(index)));
				requests++;
				try {
					JsonNode result = this.context.transport()
						.send(request.withBody(RequestBody.json(array(json, chunk))))
						.requireEnvelope()
						.result();
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
				catch (CloudflareKVException ex) {
					failures.add(ex);
					chunk.forEach((index) -> failed[index] = true);
				}
				finally {
					chunk.forEach((index) -> this.context.cache().invalidate(this.namespaceId, keys.get(index)));
				}
				if (round == 1) {
					sent += chunk.size();
					progress.onProgress(sent, keys.size());
				}
			}
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

	private static List<BulkChunks.Range> plan(List<byte[]> json, List<Integer> todo, String what) {
		long[] sizes = new long[todo.size()];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = json.get(todo.get(i)).length;
		}
		try {
			return BulkChunks.plan(sizes, BulkChunks.MAX_ITEMS, BulkChunks.MAX_BODY_BYTES);
		}
		catch (IllegalArgumentException ex) {
			throw new ValueTooLargeException(413, what + ": " + ex.getMessage() + ".");
		}
	}

	private static byte[] array(List<byte[]> json, List<Integer> chunk) {
		int size = 2 + chunk.size();
		for (int index : chunk) {
			size += json.get(index).length;
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream(size);
		body.write('[');
		for (int i = 0; i < chunk.size(); i++) {
			if (i > 0) {
				body.write(',');
			}
			body.writeBytes(json.get(chunk.get(i)));
		}
		body.write(']');
		return body.toByteArray();
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
