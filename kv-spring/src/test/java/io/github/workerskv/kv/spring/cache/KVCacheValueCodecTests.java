package io.github.workerskv.kv.spring.cache;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The three codecs: typed JSON, JSON restricted to an allow-list, and Java serialization. */
class KVCacheValueCodecTests {

	private static final Book BOOK = new Book("978-0", "KV in Action", List.of("Ada"));

	private final KVCacheValueCodec allowList = KVCacheValueCodec
		.jsonAllowing(List.of("io.github.workerskv.kv.spring.cache."), getClass().getClassLoader());

	@Test
	void typedJsonWritesPlainJsonAndReadsTheDeclaredType() {
		KVCacheValueCodec codec = KVCacheValueCodec.json(Book.class);

		byte[] bytes = codec.encode(BOOK);

		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
				"{\"isbn\":\"978-0\",\"title\":\"KV in Action\",\"authors\":[\"Ada\"]}");
		assertThat(codec.decode(bytes)).isEqualTo(BOOK);
	}

	@Test
	void typedJsonReadsGenericTypes() {
		KVCacheValueCodec codec = KVCacheValueCodec.json(new TypeReference<List<Book>>() {
		}.getType());

		assertThat(codec.decode(codec.encode(List.of(BOOK)))).isEqualTo(List.of(BOOK));
	}

	@Test
	void typedJsonRejectsAValueOfAnotherType() {
		assertThatIllegalArgumentException().isThrownBy(() -> KVCacheValueCodec.json(Book.class).encode("text"))
			.withMessageContaining("java.lang.String")
			.withMessageContaining("declared value type");
	}

	@Test
	void allowListJsonRoundTripsAllowedTypesAndJdkValuesAndCollections() {
		for (Object value : List.of(BOOK, "text", 42, 42L, 2.5, true, new java.math.BigDecimal("1.50"),
				LocalDate.of(2030, 1, 2), UUID.fromString("3b3037e2-9f11-402b-aeac-6d55ebe22f22"), List.of(BOOK),
				Map.of("book", BOOK), Set.of(1), java.util.stream.Stream.of("a", "b").toList())) {
			assertThat(this.allowList.decode(this.allowList.encode(value))).as(value.getClass().getName())
				.isEqualTo(value);
		}
	}

	@Test
	void allowListJsonRefusesToWriteATypeNotOnTheList() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.allowList.encode(new Thread()))
			.withMessageContaining("java.lang.Thread")
			.withMessageContaining("not on the JSON allow-list");
	}

	@Test
	void allowListJsonRefusesToReadATypeNotOnTheList() {
		byte[] gadget = "[\"java.lang.ProcessBuilder\",[\"touch\",\"/tmp/owned\"]]".getBytes(StandardCharsets.UTF_8);
		byte[] nested = "{\"@class\":\"io.github.workerskv.kv.spring.cache.Book\",\"isbn\":\"1\",\"title\":\"t\",\"authors\":[\"java.util.logging.FileHandler\",[]]}"
			.getBytes(StandardCharsets.UTF_8);

		assertThatException().isThrownBy(() -> this.allowList.decode(gadget));
		assertThatException().isThrownBy(() -> this.allowList.decode(nested));
	}

	@Test
	void anExactClassNameAllowsThatClassAndItsNestedClassesOnly() {
		KVCacheValueCodec codec = KVCacheValueCodec.jsonAllowing(List.of("io.github.workerskv.kv.spring.cache.Book"),
				null);

		assertThat(codec.decode(codec.encode(BOOK))).isEqualTo(BOOK);
		assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(new Chapter(1)));
	}

	@Test
	void emptyAllowListStillAcceptsJdkValues() {
		KVCacheValueCodec codec = KVCacheValueCodec.jsonAllowing(List.of(), null);

		assertThat(codec.decode(codec.encode(List.of("a", 1L)))).isEqualTo(List.of("a", 1L));
		assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(BOOK));
	}

	@Test
	void javaSerializationRoundTripsThroughTheGivenClassLoader() {
		KVCacheValueCodec codec = KVCacheValueCodec.jdk(getClass().getClassLoader());

		assertThat(codec.decode(codec.encode(new Chapter(3)))).isEqualTo(new Chapter(3));
		assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(new Object()))
			.withMessageContaining("not Serializable");
	}

	record Chapter(int number) implements Serializable {
	}

}
