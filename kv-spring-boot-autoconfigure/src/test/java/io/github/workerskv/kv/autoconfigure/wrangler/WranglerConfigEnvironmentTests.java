package io.github.workerskv.kv.autoconfigure.wrangler;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfig.Binding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WranglerConfig#readKvNamespaces(Path, String)}: an environment's {@code kv_namespaces}, as
 * {@code wrangler --env} reads them, from each kind of file.
 */
@ExtendWith(OutputCaptureExtension.class)
class WranglerConfigEnvironmentTests {

	private static final Binding TOP_FLAGS = new Binding("FLAGS", "0f2ac74b498b48028cb68387c421e279", null);

	private static final Binding TOP_CACHE = new Binding("CACHE", "06779da6940b431db6e566b4846d64db", null);

	private static final Binding STAGING_FLAGS = new Binding("FLAGS", "5a1b2c3d4e5f60718293a4b5c6d7e8f9",
			"9f8e7d6c5b4a39281706f5e4d3c2b1a0");

	private static final Binding PRODUCTION_CACHE = new Binding("CACHE", "c0ffee00c0ffee00c0ffee00c0ffee00", null);

	private static final Binding PRODUCTION_FLAGS = new Binding("FLAGS", "a825455ce00f4f7282403da85269f8ea", null);

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "wrangler.jsonc", "wrangler.json", "wrangler.toml" })
	void environmentReadsItsOwnKvNamespacesInFileOrder(String name) throws URISyntaxException {
		assertThat(WranglerConfig.readKvNamespaces(sample(name), "production"))
			.containsExactly(Map.entry("CACHE", PRODUCTION_CACHE), Map.entry("FLAGS", PRODUCTION_FLAGS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "wrangler.jsonc", "wrangler.json", "wrangler.toml" })
	void environmentDoesNotInheritTheTopLevelBindings(String name) throws URISyntaxException {
		assertThat(WranglerConfig.readKvNamespaces(sample(name), "staging"))
			.containsExactly(Map.entry("FLAGS", STAGING_FLAGS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "wrangler.jsonc", "wrangler.json", "wrangler.toml" })
	void environmentWithoutKvNamespacesHasNoBindingsAndSaysWhyInTheLog(String name, CapturedOutput output)
			throws URISyntaxException {
		assertThat(WranglerConfig.readKvNamespaces(sample(name), "dev")).isEmpty();
		assertThat(output).contains("has kv_namespaces at the top level but not in env.dev")
			.contains("wrangler does not inherit them into environments");
	}

	@ParameterizedTest
	@ValueSource(strings = { "wrangler.jsonc", "wrangler.json", "wrangler.toml" })
	void noEnvironmentReadsTheTopLevel(String name) throws URISyntaxException {
		assertThat(WranglerConfig.readKvNamespaces(sample(name), null))
			.containsExactly(Map.entry("FLAGS", TOP_FLAGS), Map.entry("CACHE", TOP_CACHE));
		assertThat(WranglerConfig.readKvNamespaces(sample(name), " ")).containsOnlyKeys("FLAGS", "CACHE");
	}

	@ParameterizedTest
	@ValueSource(strings = { "wrangler.jsonc", "wrangler.json", "wrangler.toml" })
	void unknownEnvironmentIsRejectedNamingTheOnesTheFileHas(String name) throws URISyntaxException {
		Path file = sample(name);

		assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file, "stagign"))
			.satisfies((ex) -> {
				assertThat(ex.environment()).isEqualTo("stagign");
				assertThat(ex.path()).isEqualTo(file);
				assertThat(ex.reason()).isEqualTo("it declares no environment 'stagign' (asked for by "
						+ "cloudflare.kv.wrangler-environment); its environments are staging, production, dev");
			});
	}

	@Test
	void environmentOfAFileWithoutEnvironmentsIsRejectedRatherThanReadAsTheTopLevel() throws IOException {
		Path file = write("wrangler.toml", """
				[[kv_namespaces]]
				binding = "FLAGS"
				id = "0f2ac74b498b48028cb68387c421e279"
				""");

		assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file, "staging"))
			.satisfies((ex) -> assertThat(ex.environment()).isEqualTo("staging"))
			.withMessageContaining("the environment 'staging' was asked for (by cloudflare.kv.wrangler-environment), "
					+ "but the file declares no environments; add an env.staging section");
	}

	@Test
	void environmentThatIsNotATableIsRejected() throws IOException {
		Path file = write("wrangler.json", "{ \"env\": { \"staging\": \"yes\" } }");

		assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file, "staging"))
			.withMessageEndingWith("env.staging is a string, not a table");
	}

	@Test
	void envThatIsNotATableIsRejected() throws IOException {
		Path file = write("wrangler.json", "{ \"env\": [ \"staging\" ] }");

		assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file, "staging"))
			.withMessageEndingWith("env is an array, not a table of environments");
	}

	@Test
	void malformedEntryOfAnEnvironmentIsNamedByItsPlaceInTheEnvironment() throws IOException {
		Path file = write("wrangler.jsonc", """
				{ "env": { "staging": { "kv_namespaces": [ { "binding": "FLAGS", "id": "a" }, { "id": "b" } ] } } }
				""");

		assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file, "staging"))
			.satisfies((ex) -> assertThat(ex.environment()).isNull())
			.withMessageContaining("env.staging.kv_namespaces[1] has no binding");
	}

	@Test
	void bindingDeclaredTwiceInAnEnvironmentIsRejected() throws IOException {
		Path file = write("wrangler.toml", """
				[[env.staging.kv_namespaces]]
				binding = "FLAGS"
				id = "a"

				[[env.staging.kv_namespaces]]
				binding = "FLAGS"
				id = "b"
				""");

		assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file, "staging"))
			.withMessageEndingWith("the binding 'FLAGS' is declared twice, in env.staging.kv_namespaces[0] and "
					+ "env.staging.kv_namespaces[1]");
	}

	@Test
	void environmentNameIsTrimmed() throws URISyntaxException {
		assertThat(WranglerConfig.readKvNamespaces(sample("wrangler.toml"), " staging "))
			.containsExactly(Map.entry("FLAGS", STAGING_FLAGS));
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static Path sample(String name) throws URISyntaxException {
		return Path.of(WranglerConfigEnvironmentTests.class.getResource("/wrangler/environments/" + name).toURI());
	}

}
