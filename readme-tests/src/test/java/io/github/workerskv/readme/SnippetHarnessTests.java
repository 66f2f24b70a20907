package io.github.workerskv.readme;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The harness fails on a snippet that drifted from the code, and says where. */
class SnippetHarnessTests {

	@TempDir
	Path work;

	@Test
	void markdownBlocksAreReadWithTheirNameLanguageAndLine() {
		List<Snippet> snippets = Snippets.parse("text\n<!-- snippet: first -->\n```java\nint a = 1;\n```\n\n```sh\nls\n```\n");
		assertThat(snippets).containsExactly(new Snippet("java", "first", 3, "int a = 1;\n"),
				new Snippet("sh", null, 7, "ls\n"));
	}

	@Test
	void aCallToAMethodThatDoesNotExistFailsAtItsReadmeLine() {
		Snippet snippet = java("broken", "KVNamespace kv = LocalKVStore.inMemory().namespace(\"N\");\nkv.putt(\"k\", \"v\");\n");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> JavaSnippets.check(snippet, SnippetContext.runs(), this.work))
			.withMessageContaining("README.md line 12 (snippet: broken) does not compile")
			.withMessageContaining("README.md line 14: cannot find symbol");
	}

	@Test
	void aSnippetThatCompilesButThrowsWhenRunFails() {
		Snippet snippet = java("throws", "LocalKVStore.inMemory().namespace(\"N\").put(\"\", \"v\");\n");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> JavaSnippets.check(snippet, SnippetContext.runs(), this.work))
			.withMessageContaining("fails when run")
			.withMessageContaining("Key name cannot be empty");
	}

	@Test
	void aLeftOutBodyCompiles() {
		Snippet snippet = java("left-out", "@Service\nclass Greeter {\n\tGreeter(KVNamespaces all) { ... }\n}\n");
		assertThatNoException().isThrownBy(() -> JavaSnippets.check(snippet, SnippetContext.unit(), this.work));
	}

	@Test
	void theOldThrottlingExampleFailsAsItDidForUsers() {
		Snippet snippet = java("old-throttling", """
				@SpringBootTest(properties = "cloudflare.kv.namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279")
				@AutoConfigureKVEmulator
				class OldFlagsTests {

					@Autowired KVNamespace flags;
					@Autowired KVEmulator emulator;

					@Test
					void throttlingSurfacesAsARateLimitException() {
						emulator.faults().next(1, Fault.rateLimited(Duration.ofSeconds(2)));
						assertThatExceptionOfType(CloudflareRateLimitException.class).isThrownBy(() -> flags.put("k", "v"));
					}
				}
				""");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> JavaSnippets.check(snippet, SnippetContext.test("OldFlagsTests"), this.work))
			.withMessageContaining("0 of 1 tests of OldFlagsTests passed")
			.withMessageContaining("throttlingSurfacesAsARateLimitException");
	}

	@Test
	void aMistypedPropertyFailsNamingIt() {
		Snippet snippet = yaml("cloudflare:\n  kv:\n    namespace:\n      FLAGS:\n        id: abc\n");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> YamlSnippets.check(snippet))
			.withMessageContaining("do not bind to KVProperties")
			.withMessageContaining("cloudflare.kv.namespace.flags.id");
	}

	@Test
	void aValueOfTheWrongTypeFails() {
		Snippet snippet = yaml("cloudflare:\n  kv:\n    retry:\n      max-attempts: many\n");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> YamlSnippets.check(snippet))
			.withMessageContaining("cloudflare.kv.retry.max-attempts");
	}

	@Test
	void aMistypedCachePropertyFailsAgainstTheCacheProperties() {
		Snippet snippet = yaml("cloudflare:\n  kv:\n    cache:\n      default:\n        time-to-life: 10m\n");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> YamlSnippets.check(snippet))
			.withMessageContaining("do not bind to KVCacheProperties")
			.withMessageContaining("time-to-life");
	}

	@Test
	void propertiesOfEveryStarterClassBindAndOthersAreNotChecked() {
		Snippet snippet = yaml("cloudflare:\n  kv:\n    mode: remote\n    cache:\n      fail-open: true\n"
				+ "    health:\n      cache-time-to-live: 5s\nserver:\n  port: 0\n");
		assertThatNoException().isThrownBy(() -> YamlSnippets.check(snippet));
		assertThat(YamlSnippets.propertyClasses()).containsKeys("cloudflare.kv", "cloudflare.kv.cache",
				"cloudflare.kv.health");
	}

	private static Snippet java(String id, String text) {
		return new Snippet("java", id, 12, text);
	}

	private static Snippet yaml(String text) {
		return new Snippet("yaml", "test", 3, text);
	}

}
