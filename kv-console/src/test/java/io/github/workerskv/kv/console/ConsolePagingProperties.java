package io.github.workerskv.kv.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Following the console's cursors visits every key with the prefix once, in UTF-8 byte order. */
class ConsolePagingProperties {

	@Property(tries = 60)
	void pagesVisitEveryKeyWithThePrefixOnceInByteOrder(@ForAll("keys") Set<String> keys, @ForAll("prefixes") String prefix,
			@ForAll @IntRange(min = 1, max = 40) int pageSize) {
		try (LocalKVStore store = LocalKVStore.inMemory()) {
			KVNamespace namespace = store.namespace("ns");
			keys.forEach((key) -> namespace.put(key, "v"));
			ConsoleCalls calls = new ConsoleCalls(KVConsole.create(ConsoleBackend.of(ConsoleBackendKind.EMBEDDED, "test",
					List.of(new ConsoleNamespace("NS", namespace, false)))));
			List<String> seen = new ArrayList<>();
			String cursor = "";
			for (int page = 0; page <= keys.size() + 1; page++) {
				JsonNode answer = ConsoleCalls.json(calls.get("/api/keys", "ns", "NS", "prefix", prefix, "limit",
						String.valueOf(pageSize), "cursor", cursor));
				assertThat(answer.path("keys").size()).isLessThanOrEqualTo(pageSize);
				answer.path("keys").forEach((key) -> seen.add(key.path("name").asString()));
				if (answer.path("listComplete").asBoolean()) {
					break;
				}
				cursor = answer.path("cursor").asString();
			}
			List<String> expected = keys.stream()
				.filter((key) -> key.startsWith(prefix))
				.sorted((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)))
				.toList();
			assertThat(seen).containsExactlyElementsOf(expected);
		}
	}

	@Provide
	Arbitrary<Set<String>> keys() {
		Arbitrary<String> key = Arbitraries.strings().withChars("ab:/é\uD83D\uDE00z").ofMinLength(1).ofMaxLength(6)
			.filter((k) -> !k.equals(".") && !k.equals("..") && isWellFormed(k));
		return key.set().ofMaxSize(120);
	}

	@Provide
	Arbitrary<String> prefixes() {
		return Arbitraries.of("", "a", "b:", "é", "ab", "\uD83D\uDE00", "zz");
	}

	private static boolean isWellFormed(String key) {
		return StandardCharsets.UTF_8.newEncoder().canEncode(key);
	}

}
