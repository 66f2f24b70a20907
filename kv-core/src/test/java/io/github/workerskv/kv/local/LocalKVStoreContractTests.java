package io.github.workerskv.kv.local;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.contract.KVNamespaceContractTests;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The namespace contract on one engine of the embedded store, and what only the store has: the
 * namespaces it holds, dropping one, names by id, and its own JSON mapper.
 */
public abstract class LocalKVStoreContractTests extends KVNamespaceContractTests {

	private LocalKVStore store;

	/** @return how to open the store; the test adds its clock and listener */
	protected abstract LocalKVStoreOptions options();

	@Override
	protected Backend open(Clock clock, KVListener listener) {
		LocalKVStore opened = LocalKVStore.create(options().withClock(clock).withListener(listener));
		this.store = opened;
		return new Backend() {

			@Override
			public KVNamespace namespace(String name) {
				return opened.namespace(name);
			}

			@Override
			public void close() {
				opened.close();
			}

		};
	}

	@Test
	void theStoreListsTheNamespacesThatHoldKeysAndDropsOneWithAllItsKeys() {
		KVNamespace other = this.store.namespace("other");
		this.kv.put("k", "mine");
		other.put("k", "theirs");
		assertThat(this.store.namespace("ns")).isSameAs(this.kv);
		assertThat(this.store.namespaceIds()).containsExactly("ns", "other");
		this.store.deleteNamespace("other");
		assertThat(other.get("k")).isNull();
		assertThat(this.kv.get("k")).isEqualTo("mine");
	}

	@Test
	void namespacesAreNamedByTheirIdUnlessTheOptionsNameThem() {
		assertThat(this.kv.id()).isEqualTo("ns");
		assertThat(this.kv.name()).isEqualTo("ns");
		try (LocalKVStore named = LocalKVStore.create(options().withListener(this.events)
			.withNamespaceNames(Map.of("0f2ac74b498b48028cb68387c421e279", "FLAGS")))) {
			KVNamespace flags = named.namespace("0f2ac74b498b48028cb68387c421e279");
			assertThat(flags.name()).isEqualTo("FLAGS");
			flags.put("k", "v");
			assertThat(this.events.events()).extracting(KVOperationEvent::binding).containsExactly("FLAGS");
		}
	}

	@Test
	void namespaceReadsWithACustomMapper() {
		try (LocalKVStore custom = LocalKVStore.create(options().withJsonMapper(JsonMapper.builder().build()))) {
			custom.namespace("n").put("k", "[1,2]");
			assertThat(custom.namespace("n").getJson("k", new TypeReference<List<Integer>>() { })).containsExactly(1, 2);
		}
	}

}
