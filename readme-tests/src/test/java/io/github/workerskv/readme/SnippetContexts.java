package io.github.workerskv.readme;

import java.util.Map;

import static io.github.workerskv.readme.SnippetContext.compiles;
import static io.github.workerskv.readme.SnippetContext.compose;
import static io.github.workerskv.readme.SnippetContext.configImport;
import static io.github.workerskv.readme.SnippetContext.members;
import static io.github.workerskv.readme.SnippetContext.runs;
import static io.github.workerskv.readme.SnippetContext.test;
import static io.github.workerskv.readme.SnippetContext.testedBy;
import static io.github.workerskv.readme.SnippetContext.unit;
import static io.github.workerskv.readme.SnippetContext.yaml;

/**
 * The context of every Java and YAML snippet of README.md, by the name its {@code <!-- snippet: NAME -->} line
 * gives it. Adding a snippet to the README: put that line above its fence and one entry here, saying its shape and
 * what it uses without declaring it. See {@link JavaSnippets#IMPORTS} for the imports every Java snippet gets.
 */
final class SnippetContexts {

	private static final String ACCOUNT_ID = "String accountId = \"0f2ac74b498b48028cb68387c421e279\";";

	/** The README's entity, as the repository snippets use it ({@code Indexed} named in full: Spring has one too). */
	private static final String PREFERENCES = """
			@KeySpace("preferences")
			record Preferences(@Id String userId, @io.github.workerskv.kv.spring.data.Indexed String theme, String language) {
			}
			""";

	/** The README's repository of the first snippet, run by the starter on the embedded store. */
	private static final String PREFERENCES_TESTS = """
			@SpringBootTest(properties = "cloudflare.kv.namespaces.MY_NAMESPACE.id=06779da6940b431db6e566b4846d64db")
			class PreferencesRepositoryTests {

				@Autowired PreferencesRepository repository;

				@Autowired KVNamespace namespace;

				@Test
				void queriesTheIndexedThemeAndStoresPlainJson() {
					repository.save(new Preferences("ada", "dark", "en"));
					repository.save(new Preferences("bob", "light", "fr"));
					repository.save(new Preferences("eve", "dark", "de"));
					assertThat(repository.findByTheme("dark")).extracting(Preferences::userId).containsExactly("ada", "eve");
					Slice<Preferences> first = repository.findByTheme("dark", PageRequest.of(0, 1));
					assertThat(first.getContent()).extracting(Preferences::userId).containsExactly("ada");
					assertThat(first.hasNext()).isTrue();
					assertThat(repository.countByTheme("dark")).isEqualTo(2);
					assertThat(namespace.get("preferences:ada")).isEqualTo("{\\\"userId\\\":\\\"ada\\\",\\\"theme\\\":\\\"dark\\\",\\\"language\\\":\\\"en\\\"}");
				}

			}
			""";

	/** The Window loop's repository: the README's query method, made without Spring Boot over the embedded store. */
	private static final String[] WINDOW_MEMBERS = { PREFERENCES, """
			interface PreferencesRepository extends CrudRepository<Preferences, String> {
				Window<Preferences> findFirst100ByTheme(String theme, ScrollPosition position);
			}
			""", """
			private final Set<String> processed = new HashSet<>();

			void process(Preferences preferences) {
				assertThat(preferences.theme()).isEqualTo("dark");
				assertThat(processed.add(preferences.userId())).as("processed once: " + preferences.userId()).isTrue();
			}
			""" };

	private static final String[] WINDOW_REPOSITORY = {
			"org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext<?, ?> mapping = "
					+ "new org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext<>();",
			"KVKeyValueAdapter adapter = new KVKeyValueAdapter(LocalKVStore.inMemory().namespace(\"MY_NAMESPACE\"), "
					+ "mapping, KVRepositoryOptions.defaults());",
			"var factory = new io.github.workerskv.kv.spring.data.repository.support.KVRepositoryFactory("
					+ "new org.springframework.data.keyvalue.core.KeyValueTemplate(adapter, mapping));",
			// The repository's proxy is defined by the loader that sees the snippet's classes.
			"factory.setBeanClassLoader(getClass().getClassLoader());",
			"PreferencesRepository repository = factory.getRepository(PreferencesRepository.class);",
			// 250 users, 200 of them dark: two windows of 100 and the end.
			"for (int i = 0; i < 250; i++) { repository.save(new Preferences(\"user\" + i, (i % 5 == 0) ? \"light\" : \"dark\", \"en\")); }" };

	private static final String FLAGS_NAMESPACE = "KVNamespace namespace = LocalKVStore.inMemory().namespace(\"FLAGS\");";

	/** The README's flag document, as {@code flags:global}. */
	private static final String FLAGS_DOCUMENT = """
			namespace.put("flags:global", \"""
					{"newCheckout": true, "theme": "dark", "limit": 5, "banner": {"text": "Sale!"},
					 "checkoutV2": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
					   "targeting": {"if": [{"in": [{"var": "plan"}, ["pro", "enterprise"]]}, "on",
					                        {"fractional": [["on", 10], ["off", 90]]}]}}}
					\""");""";

	private static final String FLAGS = "FeatureFlags flags = FeatureFlags.create(namespace, FeatureFlagsOptions.defaults());";

	static final Map<String, SnippetContext> CONTEXTS = Map.ofEntries(
			Map.entry("plain-java", runs()),
			Map.entry("bulk-and-listeners", runs()),
			Map.entry("rest-client", compiles(ACCOUNT_ID)),
			Map.entry("http-client", runs(ACCOUNT_ID, "String token = \"not-a-real-token\";")),
			Map.entry("boot-namespaces", yaml()),
			Map.entry("qualifier-injection", unit()),
			Map.entry("boot-remote", yaml()),
			Map.entry("cache-properties", yaml()),
			Map.entry("cacheable", members("record Quote(String symbol) { }")),
			Map.entry("cache-without-boot", runs("KVNamespace namespace = LocalKVStore.inMemory().namespace(\"CACHE\");",
					"ClassLoader classLoader = getClass().getClassLoader();")),
			Map.entry("cache-customizer", members("record Quote(boolean marketOpen) { }")),
			Map.entry("resilience-config", runs(ACCOUNT_ID, "String token = \"not-a-real-token\";")),
			Map.entry("emulator-test", test("FlagsTests")),
			Map.entry("spring-data-entity", unit()),
			Map.entry("spring-data-repository", testedBy("PreferencesRepositoryTests", PREFERENCES, PREFERENCES_TESTS)),
			Map.entry("spring-data-properties", yaml()),
			// The query method alone; the loop below runs it.
			Map.entry("spring-data-window-query", unit(PREFERENCES)),
			Map.entry("spring-data-window", runs(WINDOW_REPOSITORY).withMembers(WINDOW_MEMBERS)),
			Map.entry("flags-java", runs(FLAGS_NAMESPACE, FLAGS_DOCUMENT)),
			Map.entry("flags-record", runs(FLAGS_NAMESPACE, FLAGS_DOCUMENT, FLAGS)),
			// The stored document at version 3, which the change expects.
			Map.entry("flags-admin", runs(FLAGS_NAMESPACE, "namespace.put(\"flags:global\", \"{}\", PutOptions.none()"
					+ ".withMetadata(Map.of(\"updatedAt\", \"2030-01-01T00:00:00Z\", \"updatedBy\", \"ops\", \"version\", 3)));")),
			Map.entry("flags-properties", yaml()),
			Map.entry("flags-openfeature", runs(FLAGS_NAMESPACE, FLAGS_DOCUMENT, FLAGS,
					"OpenFeatureAPI.getInstance().setProviderAndWait(new KVFeatureFlagsProvider(flags));")),
			// Compiled only: the container needs a Docker daemon and the emulator's image, which this module does not
			// require (kv-testcontainers' own tests run it where .ci/run provides Docker).
			Map.entry("testcontainers-test", unit()),
			// Compiled only, as above: withPersistence and the others are checked when the container starts.
			Map.entry("testcontainers-options", members()),
			Map.entry("compose-yaml", compose()),
			Map.entry("console-properties", yaml()),
			Map.entry("config-import", configImport("CONFIG", """
					[{"key": "config/myapp/greeting", "value": "Hello from KV"},
					 {"key": "config/app.yaml", "value": "app:\\n  mode: from-a-document\\n"}]
					""", "greeting=Hello from KV", "app.mode=from-a-document")));

	private SnippetContexts() {
	}

}
