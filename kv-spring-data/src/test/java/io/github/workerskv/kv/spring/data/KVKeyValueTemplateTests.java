package io.github.workerskv.kv.spring.data;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.util.CloseableIterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviours Spring Data KeyValue's own tests expect of {@code MapKeyValueAdapter} and
 * {@code KeyValueTemplate}, checked on the KV adapter over the embedded store.
 */
class KVKeyValueTemplateTests {

	@KeySpace("foos")
	static class Foo {

		@Id
		String id;

		String value;

		Foo() {
		}

		Foo(String id, String value) {
			this.id = id;
			this.value = value;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Foo foo && Objects.equals(this.id, foo.id) && Objects.equals(this.value, foo.value);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.id, this.value);
		}

	}

	@KeySpace("bars")
	static class Bar {

		@Id
		String id;

		String value;

		Bar() {
		}

		Bar(String id, String value) {
			this.id = id;
			this.value = value;
		}

	}

	/** Shares the keyspace of {@link Foo}, as a subclass does. */
	static class SpecialFoo extends Foo {

		String extra;

		SpecialFoo() {
		}

		SpecialFoo(String id, String value, String extra) {
			super(id, value);
			this.extra = extra;
		}

	}

	private final LocalKVStore store = LocalKVStore.inMemory();

	private final KVNamespace namespace = this.store.namespace("template");

	private final KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();

	private final KVKeyValueAdapter adapter = new KVKeyValueAdapter(this.namespace, this.context,
			KVRepositoryOptions.defaults());

	private final KeyValueTemplate template = new KeyValueTemplate(this.adapter, this.context);

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void putReturnsNothingForANewIdAndThePreviousObjectForAnExistingOne() {
		assertThat(this.adapter.put("1", new Foo("1", "one"), "foos")).isNull();
		assertThat(this.adapter.put("1", new Foo("1", "uno"), "foos")).isEqualTo(new Foo("1", "one"));
		assertThat(this.adapter.get("1", "foos")).isEqualTo(new Foo("1", "uno"));
	}

	@Test
	void containsGetAndDeleteOfMissingIds() {
		assertThat(this.adapter.contains("1", "foos")).isFalse();
		assertThat(this.adapter.get("1", "foos", Foo.class)).isNull();
		assertThat(this.adapter.delete("1", "foos", Foo.class)).isNull();
		this.adapter.put("1", new Foo("1", "one"), "foos");
		assertThat(this.adapter.contains("1", "foos")).isTrue();
		assertThat(this.adapter.delete("1", "foos", Foo.class)).isEqualTo(new Foo("1", "one"));
		assertThat(this.adapter.contains("1", "foos")).isFalse();
	}

	@Test
	void getAllOfAndEntriesReturnOneKeyspaceOnly() {
		this.adapter.put("1", new Foo("1", "one"), "foos");
		this.adapter.put("2", new Foo("2", "two"), "foos");
		this.adapter.put("1", new Bar("1", "bar"), "bars");

		assertThat(this.adapter.getAllOf("foos", Foo.class)).containsExactly(new Foo("1", "one"), new Foo("2", "two"));
		try (CloseableIterator<Map.Entry<Object, Foo>> entries = this.adapter.entries("foos", Foo.class)) {
			assertThat(entries).toIterable()
				.containsExactly(Map.entry("1", new Foo("1", "one")), Map.entry("2", new Foo("2", "two")));
		}
		try (CloseableIterator<Map.Entry<Object, Object>> entries = this.adapter.entries("nothing-here-yet")) {
			assertThat(entries.hasNext()).isFalse();
		}
		assertThat(this.adapter.count("foos")).isEqualTo(2);
		assertThat(this.adapter.count("bars")).isEqualTo(1);
	}

	@Test
	void aKeyspaceWithNoKnownTypeCannotBeReadWithoutOne() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.adapter.get("1", "unknown"))
			.withMessageContaining("No entity type is known for keyspace 'unknown'");
	}

	@Test
	void nullIdsAndObjectsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.insert("1", null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.insert(null, new Foo()));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.adapter.put("", new Foo("", "empty"), "foos"))
			.withMessageContaining("empty");
	}

	@Test
	void insertRefusesAnExistingIdOfTheSameTypeButNotOfAnother() {
		this.template.insert("1", new Foo("1", "one"));
		this.template.insert("1", new Bar("1", "bar"));

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.template.insert("1", new Foo("1", "again")));
		assertThat(this.template.findById("1", Foo.class)).contains(new Foo("1", "one"));
	}

	@Test
	void insertGeneratesAnIdWhenThereIsNoneAndKeepsOneThatIsSet() {
		Foo generated = this.template.insert(new Foo(null, "new"));
		Foo kept = this.template.insert(new Foo("mine", "kept"));

		assertThat(generated.id).isNotBlank();
		assertThat(this.template.findById(generated.id, Foo.class)).contains(generated);
		assertThat(kept.id).isEqualTo("mine");
	}

	@Test
	void typesLiveInTheirOwnKeyspaces() {
		this.template.insert("1", new Foo("1", "one"));
		this.template.update("1", new Bar("1", "bar"));

		assertThat(this.template.findById("1", Foo.class)).contains(new Foo("1", "one"));
		assertThat(this.template.findById("2", Bar.class)).isEmpty();
		assertThat(this.namespace.get("foos:1")).isEqualTo("{\"id\":\"1\",\"value\":\"one\"}");
		assertThat(this.namespace.get("bars:1")).isEqualTo("{\"id\":\"1\",\"value\":\"bar\"}");
	}

	/**
	 * Where KV cannot do what MapKeyValueAdapter does: it keeps the objects, so asking for a subclass of what was
	 * stored finds nothing; KV values are plain JSON without a type, so a keyspace is read as the class asked for.
	 */
	@Test
	void valuesCarryNoTypeSoAKeyspaceIsReadAsTheClassAskedFor() {
		this.template.insert("1", new SpecialFoo("1", "one", "x"));
		this.template.insert("2", new Foo("2", "two"));

		assertThat(this.namespace.get("foos:1")).isEqualTo("{\"extra\":\"x\",\"id\":\"1\",\"value\":\"one\"}");
		assertThat(this.template.findById("1", Foo.class)).get().extracting(Object::getClass).isEqualTo(Foo.class);
		assertThat(this.template.findById("2", SpecialFoo.class)).get()
			.satisfies((special) -> assertThat(special.extra).isNull());
	}

	@Test
	void findRunsKVCriteriaWithOffsetsBeyondTheEndGivingNothing() {
		for (int i = 1; i <= 3; i++) {
			this.template.insert(String.valueOf(i), new Foo(String.valueOf(i), "v" + (i % 2)));
		}
		KeyValueQuery<KVCriteria> query = new KeyValueQuery<>(
				KVCriteria.allOf(KVCondition.of("value", Part.Type.SIMPLE_PROPERTY, List.of("v1"), false)),
				Sort.by(Sort.Direction.DESC, "id"));

		assertThat(this.template.find(query, Foo.class)).containsExactly(new Foo("3", "v1"), new Foo("1", "v1"));
		assertThat(this.template.count(query, Foo.class)).isEqualTo(2);
		assertThat(this.template.findInRange(5, 5, Foo.class)).isEmpty();
		assertThat(this.template.findInRange(1, 1, Foo.class)).containsExactly(new Foo("2", "v0"));
	}

	@Test
	void criteriaOtherThanKVCriteriaAreRefusedWithTheWayOut() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.find(new KeyValueQuery<>("value == 'x'"), Foo.class))
			.withMessageContaining("KVCriteria");
	}

	@Test
	void updateReplacesAndDeleteRemovesAndReturns() {
		this.template.insert("1", new Foo("1", "one"));
		this.template.update("1", new Foo("1", "uno"));

		assertThat(this.template.findById("1", Foo.class)).contains(new Foo("1", "uno"));
		assertThat(this.template.delete("1", Foo.class)).isEqualTo(new Foo("1", "uno"));
		assertThat(this.template.delete("1", Foo.class)).isNull();
		assertThat(this.template.count(Foo.class)).isZero();
	}

	@Test
	void destroyingTheTemplateLeavesTheDataInKV() throws Exception {
		this.template.insert("1", new Foo("1", "one"));

		this.template.destroy();

		assertThat(this.namespace.get("foos:1")).isNotNull();
	}

	@Test
	void aKeyspaceHoldingTheSeparatorIsRefused() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.adapter.put("1", new Foo("1", "x"), "a:b"))
			.withMessageContaining("contains the key separator ':'");
	}

	@Test
	void theSeparatorIsConfigurable() {
		KVKeyValueAdapter dashed = new KVKeyValueAdapter(this.namespace, this.context,
				KVRepositoryOptions.defaults().withKeySeparator("/"));
		dashed.put(42L, new Foo("42", "x"), "foos");

		assertThat(this.namespace.get("foos/42")).isNotNull();
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> KVRepositoryOptions.defaults().withKeySeparator(""))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("keySeparator"));
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> KVRepositoryOptions.defaults().withTimeToLive("foos", Duration.ofSeconds(-1)))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("timeToLive"));
	}

}
