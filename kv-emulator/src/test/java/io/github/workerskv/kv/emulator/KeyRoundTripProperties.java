package io.github.workerskv.kv.emulator;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.workerskv.kv.KVLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any valid key, however it is spelled (multi-byte, emoji, reserved URL characters), survives
 * PUT → GET → list over HTTP when it is percent-encoded as wrangler does it, control characters and
 * U+0000 included.
 */
class KeyRoundTripProperties {

	private static KVEmulator kv;

	private static Api api;

	private static String ns;

	@BeforeContainer
	static void start() {
		kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t"));
		api = new Api(kv.baseUrl(), "t", "acct");
		ns = api.createNamespace("properties");
	}

	@AfterContainer
	static void stop() {
		kv.close();
	}

	@Property(tries = 200)
	void roundTripsAnyValidKey(@ForAll("keys") String key) {
		Assume.that(!key.equals(".") && !key.equals("..")
				&& KVLimits.utf8Length(key, "key") <= KVLimits.MAX_KEY_BYTES);
		String encoded = encodeURIComponent(key);
		String value = "value:" + key;

		HttpResponse<byte[]> put = api.put(api.namespace(ns) + "/values/" + encoded, value);
		HttpResponse<byte[]> get = api.get(api.namespace(ns) + "/values/" + encoded);
		JsonNode listed = Api.json(api.get(api.namespace(ns) + "/keys?prefix="
				+ URLEncoder.encode(key, StandardCharsets.UTF_8)));
		api.delete(api.namespace(ns) + "/values/" + encoded);

		assertThat(put.statusCode()).as(Api.text(put)).isEqualTo(200);
		assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo(value);
		List<String> names = listed.get("result").findValuesAsString("name");
		assertThat(names).contains(key);
	}

	@Provide
	Arbitrary<String> keys() {
		Arbitrary<Character> reserved = Arbitraries.of('/', '?', '#', '%', '+', ' ', '&', '=', ':', ';', '@', '!', '$',
				'\'', '(', ')', '*', ',', '~', '.', '\\', '"', '<', '>', '[', ']', '{', '}', '|', '^', '`', '\t', '\u0000',
				'\u0001', '\u001f', '\u007f');
		Arbitrary<String> pieces = Arbitraries.oneOf(
				Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6),
				reserved.map(String::valueOf),
				Arbitraries.of("é", "ключ", "日本語", "😀", "👍🏽", "\ufffd", "\ue000", "%2F", "%25", "+%20"),
				Arbitraries.strings().withCharRange('\u00a0', '\ud7ff').ofMinLength(1).ofMaxLength(4));
		return pieces.list().ofMinSize(1).ofMaxSize(12).map((parts) -> String.join("", parts));
	}

	/** What wrangler does to a key: JavaScript's encodeURIComponent on its UTF-8 bytes. */
	private static String encodeURIComponent(String key) {
		StringBuilder out = new StringBuilder();
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

}
