package io.github.workerskv.kv.cloudflare;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/** Random keys (multi-byte, supplementary, URL-reserved) round-trip put → get → list → delete. */
class KeyRoundTripProperties {

	private static EmulatedAccount account;

	private static CloudflareKVNamespace kv;

	@BeforeContainer
	static void start() {
		account = new EmulatedAccount();
		kv = account.freshNamespace();
	}

	@AfterContainer
	static void stop() {
		account.close();
	}

	@Property(tries = 150)
	void anyValidKeyRoundTrips(@ForAll("keys") String key) {
		String value = "v:" + key;
		kv.put(key, value);
		assertThat(kv.get(key)).isEqualTo(value);
		assertThat(account.emulator().store().namespace(kv.id()).get(key)).isEqualTo(value);
		assertThat(kv.list(ListOptions.defaults().withPrefix(key)).keys()).extracting(KVKey::name).contains(key);
		assertThat(kv.get(List.of(key))).containsEntry(key, value);
		kv.delete(key);
		assertThat(kv.get(key)).isNull();
		assertThat(kv.list().keys()).isEmpty();
	}

	@Provide
	Arbitrary<String> keys() {
		Arbitrary<Character> reserved = Arbitraries.of(' ', '/', '?', '#', '%', '+', '&', '=', ':', '@', '!', '$', '\'',
				'(', ')', '*', ',', ';', '[', ']', '\\', '"', '<', '>', '^', '`', '{', '|', '}', '~', '.', '\t', '\u0000',
				'\u0001', '\u001f');
		Arbitrary<String> pieces = Arbitraries.oneOf(
				reserved.map(String::valueOf),
				Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(4),
				Arbitraries.strings().withCharRange('\u00A0', '\u07FF').ofLength(1),
				Arbitraries.strings().withCharRange('\u0800', '\uD7FF').ofLength(1),
				Arbitraries.strings().withCharRange('\uE000', '\uFFFF').ofLength(1),
				Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString),
				Arbitraries.of("%2F", "%20", "%25", "..", "./", "+%2B"));
		return pieces.list()
			.ofMinSize(1)
			.ofMaxSize(40)
			.map((parts) -> String.join("", parts))
			.filter((key) -> !key.equals(".") && !key.equals("..")
					&& key.getBytes(StandardCharsets.UTF_8).length <= 512);
	}

}
