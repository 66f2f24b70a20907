package io.github.workerskv.kv.spring.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.local.LocalKVStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.IntRange;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages and windows list every entity exactly once, in the order of the sort (then KV's key order), on
 * indexed and non-indexed properties, whatever the ids, the values and the page size.
 */
class KVPagingProperties {

	@KeySpace("pets")
	static class Pet {

		@Id
		String id;

		@Indexed
		Integer age;

		Integer weight;

		Pet() {
		}

		Pet(String id, Integer age, Integer weight) {
			this.id = id;
			this.age = age;
			this.weight = weight;
		}

	}

	private static final LocalKVStore store = LocalKVStore.inMemory();

	private static final AtomicInteger namespaces = new AtomicInteger();

	@AfterContainer
	static void closeStore() {
		store.close();
	}

	@Provide
	Arbitrary<Map<String, Integer>> pets() {
		Arbitrary<String> ids = Arbitraries.strings()
			.withCharRange('a', 'c')
			.withChars('é', '\uE000', '\uFFFD', 'Z')
			.ofMinLength(1)
			.ofMaxLength(4)
			.flatMap((id) -> Arbitraries.of(id, id + "😀", "😀" + id));
		return Arbitraries.maps(ids, Arbitraries.integers().between(0, 6).injectNull(0.2)).ofMaxSize(120);
	}

	@Property(tries = 150)
	void pagesAndKeysetWindowsCoverEveryPetOnceInOrder(@ForAll("pets") Map<String, Integer> ages,
			@ForAll @IntRange(min = 1, max = 40) int size, @ForAll Sort.Direction direction, @ForAll boolean indexed,
			@ForAll boolean sorted) {
		KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();
		KVKeyValueAdapter adapter = new KVKeyValueAdapter(store.namespace("pets-" + namespaces.incrementAndGet()),
				context, KVRepositoryOptions.defaults());
		List<Pet> pets = new ArrayList<>();
		ages.forEach((id, age) -> pets.add(new Pet(id, age, (age != null) ? 10 - age : null)));
		pets.forEach((pet) -> adapter.put(pet.id, pet, "pets"));
		Sort sort = sorted ? Sort.by(direction, indexed ? "age" : "weight") : Sort.unsorted();
		List<String> expected = pets.stream().sorted(oracle(sort)).map((pet) -> pet.id).toList();

		List<String> paged = new ArrayList<>();
		Page<Pet> page = adapter.findPage(null, PageRequest.of(0, size, sort), Pet.class);
		while (true) {
			assertThat(page.getTotalElements()).isEqualTo(pets.size());
			page.forEach((pet) -> paged.add(pet.id));
			if (!page.hasNext()) {
				break;
			}
			page = adapter.findPage(null, page.nextPageable(), Pet.class);
		}

		List<String> scrolled = new ArrayList<>();
		Window<Pet> window = adapter.scroll(null, sort, ScrollPosition.keyset(), size, Pet.class);
		for (int windows = 0; windows <= pets.size(); windows++) {
			window.forEach((pet) -> scrolled.add(pet.id));
			if (!window.hasNext()) {
				break;
			}
			window = adapter.scroll(null, sort, window.positionAt(window.size() - 1), size, Pet.class);
		}

		assertThat(paged).containsExactlyElementsOf(expected);
		assertThat(scrolled).containsExactlyElementsOf(expected);
	}

	/** The expected order, built independently: values with nulls first ascending, then UTF-8 bytes of the id. */
	private static Comparator<Pet> oracle(Sort sort) {
		Comparator<Pet> byKey = (a, b) -> Arrays.compareUnsigned(a.id.getBytes(StandardCharsets.UTF_8),
				b.id.getBytes(StandardCharsets.UTF_8));
		if (sort.isUnsorted()) {
			return byKey;
		}
		Sort.Order order = sort.iterator().next();
		Comparator<Integer> values = Comparator.nullsFirst(Comparator.<Integer>naturalOrder());
		if (order.isDescending()) {
			values = values.reversed();
		}
		Comparator<Integer> chosen = values;
		return Comparator.<Pet, Integer>comparing((pet) -> order.getProperty().equals("age") ? pet.age : pet.weight,
				chosen)
			.thenComparing(byKey);
	}

	@Property(tries = 300)
	void utf8OrderIsTheOrderOfTheUtf8Bytes(@ForAll("texts") String a, @ForAll("texts") String b) {
		int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

		assertThat(Integer.signum(Utf8Order.INSTANCE.compare(a, b))).isEqualTo(Integer.signum(bytes));
	}

	@Provide
	Arbitrary<String> texts() {
		return Arbitraries.strings()
			.withChars('a', 'z', 'é', '\u07FF', '\u0800', '\uE000', '\uFFFF')
			.ofMaxLength(5)
			.flatMap((text) -> Arbitraries.of(text, text + "😀", "\uD83D\uDE00" + text + "\uDBFF\uDFFF"));
	}

}
