package io.github.workerskv.readme;

import java.util.Map;

import static io.github.workerskv.readme.SnippetContext.compiles;
import static io.github.workerskv.readme.SnippetContext.members;
import static io.github.workerskv.readme.SnippetContext.runs;
import static io.github.workerskv.readme.SnippetContext.test;
import static io.github.workerskv.readme.SnippetContext.unit;
import static io.github.workerskv.readme.SnippetContext.yaml;

/**
 * The context of every Java and YAML snippet of README.md, by the name its {@code <!-- snippet: NAME -->} line
 * gives it. Adding a snippet to the README: put that line above its fence and one entry here, saying its shape and
 * what it uses without declaring it. See {@link JavaSnippets#IMPORTS} for the imports every Java snippet gets.
 */
final class SnippetContexts {

	private static final String ACCOUNT_ID = "String accountId = \"0f2ac74b498b48028cb68387c421e279\";";

	static final Map<String, SnippetContext> CONTEXTS = Map.ofEntries(
			Map.entry("plain-java", runs()),
			Map.entry("bulk-and-listeners", runs()),
			Map.entry("rest-client", compiles(ACCOUNT_ID)),
			Map.entry("boot-namespaces", yaml()),
			Map.entry("qualifier-injection", unit()),
			Map.entry("boot-remote", yaml()),
			Map.entry("cache-properties", yaml()),
			Map.entry("cacheable", members("record Quote(String symbol) { }")),
			Map.entry("cache-without-boot", runs("KVNamespace namespace = LocalKVStore.inMemory().namespace(\"CACHE\");",
					"ClassLoader classLoader = getClass().getClassLoader();")),
			Map.entry("cache-customizer", members("record Quote(boolean marketOpen) { }")),
			Map.entry("resilience-config", runs(ACCOUNT_ID, "String token = \"not-a-real-token\";")),
			Map.entry("emulator-test", test("FlagsTests")));

	private SnippetContexts() {
	}

}
