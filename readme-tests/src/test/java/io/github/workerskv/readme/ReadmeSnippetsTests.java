package io.github.workerskv.readme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of README.md compiles (and those that can, run: the emulator test passes), and every YAML
 * snippet binds to the starter's properties. A snippet that drifts from the code fails here, at its README line.
 */
class ReadmeSnippetsTests {

	private static final Set<String> CHECKED = Set.of("java", "yaml");

	private final List<Snippet> snippets = Snippets.read(Snippets.readme());

	@Test
	void everyJavaAndYamlSnippetIsNamedAndHasAContext() {
		List<String> problems = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Snippet snippet : checked()) {
			if (snippet.id() == null) {
				problems.add(snippet.where() + ": a ```" + snippet.language() + " block without a "
						+ "`<!-- snippet: NAME -->` line just above it; add one, and NAME's entry to SnippetContexts");
			}
			else if (!SnippetContexts.CONTEXTS.containsKey(snippet.id())) {
				problems.add(snippet.where() + ": no entry for '" + snippet.id() + "' in SnippetContexts");
			}
			else if (!seen.add(snippet.id())) {
				problems.add(snippet.where() + ": the name '" + snippet.id() + "' is used twice");
			}
		}
		SnippetContexts.CONTEXTS.keySet()
			.stream()
			.filter((id) -> !seen.contains(id))
			.sorted()
			.forEach((id) -> problems.add("SnippetContexts has '" + id + "', which no README snippet is named"));
		assertThat(problems).isEmpty();
		assertThat(seen).hasSizeGreaterThanOrEqualTo(10);
	}

	@TestFactory
	Stream<DynamicTest> everyNamedSnippetCompilesRunsOrBinds(@TempDir Path work) {
		return checked().stream()
			.filter((snippet) -> snippet.id() != null && SnippetContexts.CONTEXTS.containsKey(snippet.id()))
			.map((snippet) -> DynamicTest.dynamicTest(snippet.id() + " (line " + snippet.line() + ")", () -> {
				SnippetContext context = Objects.requireNonNull(SnippetContexts.CONTEXTS.get(snippet.id()));
				switch (context.shape()) {
					case YAML, CONFIG_IMPORT, COMPOSE -> assertThat(snippet.language()).as(snippet.where()).isEqualTo("yaml");
					default -> assertThat(snippet.language()).as(snippet.where()).isEqualTo("java");
				}
				switch (context.shape()) {
					case YAML -> YamlSnippets.check(snippet);
					case CONFIG_IMPORT -> ConfigImportSnippets.check(snippet, context, work.resolve(snippet.id()));
					case COMPOSE -> ComposeSnippets.check(snippet);
					default -> JavaSnippets.check(snippet, context, work.resolve(snippet.id()));
				}
			}));
	}

	private List<Snippet> checked() {
		return this.snippets.stream().filter((snippet) -> CHECKED.contains(snippet.language())).toList();
	}

}
