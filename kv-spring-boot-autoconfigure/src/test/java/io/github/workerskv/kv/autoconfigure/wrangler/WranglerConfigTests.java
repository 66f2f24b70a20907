package io.github.workerskv.kv.autoconfigure.wrangler;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfig.Binding;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link WranglerConfig#readKvNamespaces(Path)} on wrangler's three file kinds, and on broken files. */
class WranglerConfigTests {

	private static final Binding FLAGS = new Binding("FLAGS", "0f2ac74b498b48028cb68387c421e279",
			"1e3bd85c5a9c4e0f9b2d7a6c8e4f1a2b");

	private static final Binding CACHE = new Binding("CACHE", "06779da6940b431db6e566b4846d64db", null);

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "wrangler.jsonc", "wrangler.json", "wrangler.toml" })
	void readsTopLevelBindingsInFileOrderFromEachKindOfFile(String name) throws URISyntaxException {
		Map<String, Binding> bindings = WranglerConfig.readKvNamespaces(sample(name));

		assertThat(bindings).containsExactly(Map.entry("FLAGS", FLAGS), Map.entry("CACHE", CACHE));
	}

	@Test
	void jsoncSampleWithCommentsAndTrailingCommasIgnoresItsStagingEnvironment() throws URISyntaxException {
		assertThat(WranglerConfig.readKvNamespaces(sample("wrangler.jsonc")).get("FLAGS").id())
			.isEqualTo("0f2ac74b498b48028cb68387c421e279");
	}

	@Test
	void returnedMapIsUnmodifiable() throws URISyntaxException {
		Map<String, Binding> bindings = WranglerConfig.readKvNamespaces(sample("wrangler.toml"));

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> bindings.remove("FLAGS"));
	}

	@Test
	void jsonFileMayAlsoHaveCommentsAndTrailingCommas() throws IOException {
		Path file = write("wrangler.json", """
				{
					// one binding
					"kv_namespaces": [ { "binding": "FLAGS", "id": "abc", }, ],
				}
				""");

		assertThat(WranglerConfig.readKvNamespaces(file)).containsOnlyKeys("FLAGS");
	}

	@Test
	void extensionIsMatchedWhateverItsCase() throws IOException {
		Path file = write("WRANGLER.TOML", """
				[[kv_namespaces]]
				binding = "FLAGS"
				id = "abc"
				""");

		assertThat(WranglerConfig.readKvNamespaces(file)).containsOnlyKeys("FLAGS");
	}

	@Test
	void entryWithoutIdOrPreviewIdReadsThemAsNull() throws IOException {
		Path file = write("wrangler.toml", """
				[[kv_namespaces]]
				binding = "LOCAL_ONLY"
				""");

		assertThat(WranglerConfig.readKvNamespaces(file))
			.containsExactly(Map.entry("LOCAL_ONLY", new Binding("LOCAL_ONLY", null, null)));
	}

	@Test
	void otherKeysOfAnEntryAreIgnored() throws IOException {
		Path file = write("wrangler.jsonc", """
				{ "kv_namespaces": [ { "binding": "FLAGS", "id": "abc", "remote": true, "experimental_remote": 1 } ] }
				""");

		assertThat(WranglerConfig.readKvNamespaces(file)).containsExactly(Map.entry("FLAGS", new Binding("FLAGS", "abc", null)));
	}

	@Test
	void fileWithoutKvNamespacesHasNoBindings() throws IOException {
		assertThat(WranglerConfig.readKvNamespaces(write("wrangler.toml", "name = \"my-worker\"\n"))).isEmpty();
		assertThat(WranglerConfig.readKvNamespaces(write("wrangler.jsonc", "{ \"name\": \"my-worker\" }"))).isEmpty();
		assertThat(WranglerConfig.readKvNamespaces(write("empty.jsonc", "{ \"kv_namespaces\": [] }"))).isEmpty();
	}

	@Test
	void emptyTomlFileHasNoBindings() throws IOException {
		assertThat(WranglerConfig.readKvNamespaces(write("wrangler.toml", ""))).isEmpty();
	}

	@Test
	void emptyJsonFileIsRejected() throws IOException {
		Path file = write("wrangler.json", "  \n");

		assertRejected(file).withMessageContaining("the file is empty");
	}

	@Test
	void bindingsOnlyInsideEnvironmentsAreRejectedRatherThanReadAsNone() throws IOException {
		Path file = write("wrangler.toml", """
				name = "my-worker"

				[env.staging]
				kv_namespaces = [ { binding = "FLAGS", id = "abc" } ]

				[env.production]
				kv_namespaces = [ { binding = "FLAGS", id = "def" } ]
				""");

		assertRejected(file).withMessageContaining(
				"KV namespaces are declared only in env.staging.kv_namespaces, env.production.kv_namespaces, "
						+ "and no environment was chosen, so only the top-level kv_namespaces is read; set "
						+ "cloudflare.kv.wrangler-environment to staging or production");
	}

	@Test
	void idThatIsANumberIsRejectedNamingTheEntryAndField() throws IOException {
		Path json = write("wrangler.json", """
				{ "kv_namespaces": [ { "binding": "FLAGS", "id": "abc" }, { "binding": "CACHE", "id": 42 } ] }
				""");
		Path toml = write("wrangler.toml", """
				[[kv_namespaces]]
				binding = "FLAGS"
				id = 42
				""");

		assertRejected(json).satisfies((ex) -> assertThat(ex.reason()).isEqualTo("kv_namespaces[1].id is a number, not a string"));
		assertRejected(toml).satisfies((ex) -> assertThat(ex.reason()).isEqualTo("kv_namespaces[0].id is a number, not a string"));
	}

	@Test
	void bindingThatIsABooleanIsRejected() throws IOException {
		Path file = write("wrangler.jsonc", "{ \"kv_namespaces\": [ { \"binding\": true } ] }");

		assertRejected(file).withMessageEndingWith("kv_namespaces[0].binding is a boolean, not a string");
	}

	@Test
	void kvNamespacesAsASingleTableInsteadOfAnArrayIsRejected() throws IOException {
		Path file = write("wrangler.toml", """
				[kv_namespaces]
				binding = "FLAGS"
				id = "abc"
				""");

		assertRejected(file).withMessageContaining("kv_namespaces is an object, not an array ([[kv_namespaces]] tables in TOML");
	}

	@Test
	void entryThatIsNotAnObjectIsRejected() throws IOException {
		Path file = write("wrangler.json", "{ \"kv_namespaces\": [ \"FLAGS\" ] }");

		assertRejected(file).withMessageEndingWith("kv_namespaces[0] is a string, not an object with binding and id");
	}

	@Test
	void entryWithoutABindingIsRejected() throws IOException {
		Path file = write("wrangler.toml", """
				[[kv_namespaces]]
				id = "abc"
				""");

		assertRejected(file).withMessageContaining("kv_namespaces[0] has no binding");
	}

	@Test
	void blankIdIsRejected() throws IOException {
		Path file = write("wrangler.json", "{ \"kv_namespaces\": [ { \"binding\": \"FLAGS\", \"id\": \" \" } ] }");

		assertRejected(file).withMessageContaining("kv_namespaces[0].id is empty");
	}

	@Test
	void bindingDeclaredTwiceIsRejectedNamingBothEntries() throws IOException {
		Path file = write("wrangler.toml", """
				[[kv_namespaces]]
				binding = "FLAGS"
				id = "abc"

				[[kv_namespaces]]
				binding = "CACHE"
				id = "def"

				[[kv_namespaces]]
				binding = "FLAGS"
				id = "ghi"
				""");

		assertRejected(file).withMessageEndingWith(
				"the binding 'FLAGS' is declared twice, in kv_namespaces[0] and kv_namespaces[2]");
	}

	@Test
	void duplicateJsonKeyIsRejected() throws IOException {
		Path file = write("wrangler.json", """
				{ "kv_namespaces": [], "kv_namespaces": [ { "binding": "FLAGS" } ] }
				""");

		assertRejected(file).withMessageContaining("it is not valid JSON at line 1").withMessageContaining("kv_namespaces");
	}

	@Test
	void malformedJsoncIsRejectedWithItsLine() throws IOException {
		Path file = write("wrangler.jsonc", """
				{
					"kv_namespaces": [
						{ "binding": "FLAGS" "id": "abc" }
					]
				}
				""");

		assertRejected(file).withMessageContaining("it is not valid JSONC at line 3, column");
	}

	@Test
	void contentAfterTheTopLevelObjectIsRejected() throws IOException {
		Path file = write("wrangler.json", "{ \"kv_namespaces\": [] } { }");

		assertRejected(file).withMessageContaining("it is not valid JSON");
	}

	@Test
	void malformedTomlIsRejectedWithItsLine() throws IOException {
		Path file = write("wrangler.toml", """
				name = "my-worker"
				[[kv_namespaces]
				binding = "FLAGS"
				""");

		assertRejected(file).withMessageContaining("it is not valid TOML at line ");
	}

	@Test
	void topLevelArrayIsRejected() throws IOException {
		Path file = write("wrangler.json", "[ { \"binding\": \"FLAGS\" } ]");

		assertRejected(file).withMessageEndingWith("its top level is an array, not an object with kv_namespaces");
	}

	@ParameterizedTest
	@ValueSource(strings = { "wrangler.toml", "wrangler.json", "wrangler.jsonc" })
	void binaryGarbageIsRejectedAsNotWellFormed(String name) throws IOException {
		byte[] garbage = new byte[4096];
		new Random(42).nextBytes(garbage);
		Path file = this.dir.resolve(name);
		Files.write(file, garbage);

		assertRejected(file).withMessageContaining("it is not valid ");
	}

	@Test
	void missingFileIsRejectedNamingTheFileAndTheProperty() {
		Path file = this.dir.resolve("wrangler.toml");

		assertRejected(file).withMessageStartingWith("Cannot read KV namespaces from wrangler config file '" + file
				+ "' (set by cloudflare.kv.wrangler-config): the file does not exist");
	}

	@Test
	void directoryIsRejectedSuggestingAFileInIt() {
		assertRejected(this.dir).withMessageContaining("it is a directory; point the property at the file itself, for example "
				+ this.dir.resolve("wrangler.toml"));
	}

	@Test
	void unknownExtensionIsRejectedListingTheKnownOnes() throws IOException {
		Path file = write("wrangler.yaml", "kv_namespaces: []\n");

		assertRejected(file).withMessageContaining("does not end in .toml, .json or .jsonc")
			.withMessageContaining("wrangler.toml, wrangler.json or wrangler.jsonc");
	}

	@Test
	void tomlWithoutTheTomlParserOnTheClassPathNamesTheDependencyToAdd() throws IOException {
		Path file = write("wrangler.toml", "name = \"my-worker\"\n");
		FilteredClassLoader withoutToml = new FilteredClassLoader("tools.jackson.dataformat.toml");

		assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file, null, withoutToml))
			.withMessageContaining("add the dependency tools.jackson.dataformat:jackson-dataformat-toml");
	}

	@Test
	void jsonWithoutTheTomlParserOnTheClassPathStillReads() throws IOException {
		Path file = write("wrangler.json", "{ \"kv_namespaces\": [ { \"binding\": \"FLAGS\" } ] }");

		assertThat(WranglerConfig.readKvNamespaces(file, null, new FilteredClassLoader("tools.jackson.dataformat.toml")))
			.containsOnlyKeys("FLAGS");
	}

	@Test
	void exceptionCarriesThePathAndTheReason() throws IOException {
		Path file = write("wrangler.json", "{ \"kv_namespaces\": 1 }");

		assertRejected(file).satisfies((ex) -> {
			assertThat(ex.path()).isEqualTo(file);
			assertThat(ex.reason()).startsWith("kv_namespaces is a number, not an array");
			assertThat(ex.getMessage()).endsWith(ex.reason());
		});
	}

	private ThrowableAssertAlternative<WranglerConfigException> assertRejected(Path file) {
		return assertThatExceptionOfType(WranglerConfigException.class)
			.isThrownBy(() -> WranglerConfig.readKvNamespaces(file));
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static Path sample(String name) throws URISyntaxException {
		return Path.of(WranglerConfigTests.class.getResource("/wrangler/" + name).toURI());
	}

}
