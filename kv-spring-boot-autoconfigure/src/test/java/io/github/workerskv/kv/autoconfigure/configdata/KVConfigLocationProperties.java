package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code cloudflare-kv:} location syntax over generated bindings and paths: every location has one answer,
 * a document or a prefix, that names its own location back; variants keep the kind and add the profile.
 */
class KVConfigLocationProperties {

	private static final List<PropertySourceLoader> LOADERS = List.of(new PropertiesPropertySourceLoader(),
			new YamlPropertySourceLoader());

	@Property
	void aPathEndingInAKnownExtensionIsADocumentReadUnderExactlyThatKey(@ForAll("bindings") String binding,
			@ForAll("segments") List<String> segments, @ForAll("extensions") String extension) {
		String key = String.join("/", segments) + "." + extension;
		KVConfigLocation location = KVConfigLocation.parse("cloudflare-kv:" + binding + "/" + key, "/", LOADERS);
		assertThat(location.documentLoader()).isNotNull();
		assertThat(location.binding()).isEqualTo(binding);
		assertThat(location.path()).isEqualTo(key);
		assertThat(location.variant("prod", "/", ",")).isEqualTo(String.join("/", segments) + "-prod." + extension);
	}

	@Property
	void anyOtherPathIsAPrefixEndingWithTheSeparator(@ForAll("bindings") String binding,
			@ForAll("segments") List<String> segments, @ForAll boolean trailingSlash) {
		String path = String.join("/", segments) + (trailingSlash ? "/" : "");
		KVConfigLocation location = KVConfigLocation.parse("cloudflare-kv:" + binding + "/" + path, "/", LOADERS);
		assertThat(location.documentLoader()).isNull();
		assertThat(location.path()).isEqualTo(String.join("/", segments) + "/");
		assertThat(location.variant("eu", "/", ",")).isEqualTo(String.join("/", segments) + ",eu/");
		KVConfigDataResource resource = new KVConfigDataResource(binding, location.path(), null, "keys", "/", null,
				false);
		assertThat(KVConfigLocation.parse(resource.location(), "/", LOADERS)).isEqualTo(location);
	}

	@Property
	void withAnotherSeparatorPrefixesEndWithIt(@ForAll("segments") List<String> segments) {
		String path = String.join(":", segments);
		KVConfigLocation location = KVConfigLocation.parse("cloudflare-kv:CONFIG/" + path, ":", LOADERS);
		assertThat(location.path()).isEqualTo(path + ":");
		assertThat(location.variant("prod", ":", "@")).isEqualTo(path + "@prod:");
	}

	@Property
	void aLocationWithoutASlashAfterTheBindingIsRefused(@ForAll("bindings") String binding) {
		assertThatExceptionOfType(KVConfigImportException.class)
			.isThrownBy(() -> KVConfigLocation.parse("cloudflare-kv:" + binding, "/", LOADERS))
			.satisfies((ex) -> assertThat(ex.problem()).isEqualTo(KVConfigImportException.Problem.INVALID_LOCATION));
	}

	@Property
	void aPrefixLongerThanAKeyMayBeIsRefusedWithKVsMessage(@ForAll("bindings") String binding) {
		String path = "p".repeat(520) + "/";
		assertThatExceptionOfType(KVConfigImportException.class)
			.isThrownBy(() -> KVConfigLocation.parse("cloudflare-kv:" + binding + "/" + path, "/", LOADERS))
			.withMessageContaining("cloudflare-kv:" + binding);
	}

	@Example
	void theWholeNamespaceIsAnEmptyPrefixWithoutVariants() {
		KVConfigLocation location = KVConfigLocation.parse("cloudflare-kv:CONFIG/", "/", LOADERS);
		assertThat(location.path()).isEmpty();
		assertThat(location.documentLoader()).isNull();
		assertThat(location.variant("prod", "/", ",")).isNull();
	}

	@Example
	void jsonIsReadByTheYamlLoaderAndUnknownExtensionsArePrefixes() {
		assertThat(KVConfigLocation.parse("cloudflare-kv:C/a.json", "/", LOADERS).documentLoader())
			.isInstanceOf(YamlPropertySourceLoader.class);
		assertThat(KVConfigLocation.parse("cloudflare-kv:C/a.YML", "/", LOADERS).format()).isEqualTo("yml");
		assertThat(KVConfigLocation.parse("cloudflare-kv:C/a.toml", "/", LOADERS).path()).isEqualTo("a.toml/");
		assertThat(KVConfigLocation.parse("cloudflare-kv:C/v1.2/", "/", LOADERS).path()).isEqualTo("v1.2/");
	}

	@Example
	void keysOutsideTheBasicPlaneAreTakenAsTheyAre() {
		assertThat(KVConfigLocation.parse("cloudflare-kv:C/conf/\uD83D\uDE00/app.yaml", "/", LOADERS).path())
			.isEqualTo("conf/\uD83D\uDE00/app.yaml");
		assertThatExceptionOfType(KVConfigImportException.class)
			.isThrownBy(() -> KVConfigLocation.parse("cloudflare-kv:C/conf/\uD83D/app.yaml", "/", LOADERS))
			.withMessageContaining("has an unpaired surrogate at index 5");
	}

	@Provide
	Arbitrary<String> bindings() {
		return Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1).ofMaxLength(12);
	}

	@Provide
	Arbitrary<List<String>> segments() {
		Arbitrary<String> segment = Arbitraries.strings()
			.withCharRange('a', 'z')
			.withChars('-', '_', ' ', 'é', 'ж')
			.ofMinLength(1)
			.ofMaxLength(10)
			.filter((s) -> !s.equals(".") && !s.equals(".."));
		return segment.list().ofMinSize(1).ofMaxSize(4);
	}

	@Provide
	Arbitrary<String> extensions() {
		return Arbitraries.of("yaml", "yml", "properties", "xml", "json", "YAML");
	}

}
