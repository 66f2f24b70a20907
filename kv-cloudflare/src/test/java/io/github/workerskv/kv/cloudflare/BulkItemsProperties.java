package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.internal.BulkWriteRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's body cut from the one buffer of {@link BulkItems}, for consecutive items (sent from the
 * buffer) or scattered ones (copied), is the JSON array of exactly those items, as the API reads it.
 */
class BulkItemsProperties {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 200)
	void aChunkIsTheJsonArrayOfItsItems(@ForAll("writes") List<BulkWrite> writes, @ForAll("seeds") long seed) throws Exception {
		List<String> keys = writes.stream().map(BulkWrite::key).toList();
		List<BulkWriteRequest.Item> items = writes.stream()
			.map((write) -> new BulkWriteRequest.Item(write, null, (write.key().length() % 2 == 0) ? "{\"n\":[1,\"é\"]}" : null))
			.toList();
		BulkItems serialised = BulkItems.writes(JSON, keys, items);
		java.util.Random random = new java.util.Random(seed);
		int from = random.nextInt(writes.size());
		int to = from + 1 + random.nextInt(writes.size() - from);
		List<Integer> consecutive = new ArrayList<>();
		for (int i = from; i < to; i++) {
			consecutive.add(i);
		}
		List<Integer> scattered = new ArrayList<>();
		for (int i = 0; i < writes.size(); i++) {
			if (random.nextBoolean()) {
				scattered.add(i);
			}
		}
		for (List<Integer> chunk : List.of(consecutive, scattered)) {
			JsonNode body = JSON.readTree(bytes(JdkHttpTransport.publisher(serialised.body(chunk))));
			ArrayNode expected = JSON.createArrayNode();
			for (int index : chunk) {
				BulkWriteRequest.Item item = items.get(index);
				var object = expected.addObject().put("key", item.key()).put("value", item.write().value());
				if (item.metadataJson() != null) {
					object.set("metadata", JSON.readTree(item.metadataJson()));
				}
			}
			assertThat(body).isEqualTo(expected);
			long[] sizes = serialised.sizes(chunk);
			long total = 2 + Math.max(0, chunk.size() - 1);
			for (long size : sizes) {
				total += size;
			}
			assertThat(bytes(JdkHttpTransport.publisher(serialised.body(chunk)))).as("sizes add up to the body").hasSize((int) total);
		}
	}

	@Property(tries = 100)
	void deletesAreJsonStrings(@ForAll("keyLists") List<String> keys) throws Exception {
		BulkItems serialised = BulkItems.deletes(JSON, keys);
		List<Integer> all = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			all.add(i);
		}
		JsonNode body = JSON.readTree(bytes(JdkHttpTransport.publisher(serialised.body(all))));
		assertThat(body.valueStream().map(JsonNode::asString).toList()).isEqualTo(keys);
	}

	@Provide
	Arbitrary<Long> seeds() {
		return Arbitraries.longs();
	}

	@Provide
	Arbitrary<List<String>> keyLists() {
		return keys().list().ofMinSize(1).ofMaxSize(30);
	}

	@Provide
	Arbitrary<List<BulkWrite>> writes() {
		return Combinators.combine(keys(), Arbitraries.strings().ofMaxLength(40))
			.as(BulkWrite::of)
			.list()
			.ofMinSize(1)
			.ofMaxSize(30);
	}

	private static Arbitrary<String> keys() {
		return Arbitraries.strings().ofMinLength(1).ofMaxLength(20).withChars("ab,[]\"\\é中 \u0000")
			.map((key) -> (key.length() % 3 == 0) ? key + "😀" : key)
			.filter((key) -> !key.equals(".") && !key.equals(".."));
	}

	/** The bytes a publisher sends, as the HTTP client would read them. */
	static byte[] bytes(BodyPublisher publisher) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CompletableFuture<byte[]> done = new CompletableFuture<>();
		publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(ByteBuffer item) {
				byte[] chunk = new byte[item.remaining()];
				item.get(chunk);
				out.writeBytes(chunk);
			}

			@Override
			public void onError(Throwable failure) {
				done.completeExceptionally(failure);
			}

			@Override
			public void onComplete() {
				done.complete(out.toByteArray());
			}
		});
		byte[] bytes = done.get(10, TimeUnit.SECONDS);
		assertThat(publisher.contentLength()).isEqualTo(bytes.length);
		return bytes;
	}

}
