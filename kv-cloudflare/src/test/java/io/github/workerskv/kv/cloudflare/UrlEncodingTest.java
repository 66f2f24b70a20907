package io.github.workerskv.kv.cloudflare;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlEncodingTest {

	/**
	 * The keys of wrangler-wire.md §3. Only RFC 3986 unreserved characters stay raw, so
	 * {@code ! ' *} are encoded too, where wrangler's {@code encodeURIComponent} leaves them: both decode
	 * to the same key.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			my key with spaces                                   | my%20key%20with%20spaces
			a/b/c                                                | a%2Fb%2Fc
			ünïcødé-ключ-😀                                      | %C3%BCn%C3%AFc%C3%B8d%C3%A9-%D0%BA%D0%BB%D1%8E%D1%87-%F0%9F%98%80
			what?x=1&y=2                                         | what%3Fx%3D1%26y%3D2
			hash#frag                                            | hash%23frag
			100%percent                                          | 100%25percent
			%2F-literal                                          | %252F-literal
			plus+sign                                            | plus%2Bsign
			colon:at@bang!dollar$amp&quote'star*comma,semi;eq=   | colon%3Aat%40bang%21dollar%24amp%26quote%27star%2Acomma%2Csemi%3Beq%3D
			tilde~under_dash-dot.                                | tilde~under_dash-dot.
			...                                                  | ...
			a/../b                                               | a%2F..%2Fb
			a/./b                                                | a%2F.%2Fb
			""")
	void encodesEachKeyAsOnePathSegment(String key, String expected) {
		assertThat(UrlEncoding.encode(key)).isEqualTo(expected);
	}

	@Test
	void encodesControlCharactersAndBackslash() {
		assertThat(UrlEncoding.encode("tab\there")).isEqualTo("tab%09here");
		assertThat(UrlEncoding.encode("back\\slash")).isEqualTo("back%5Cslash");
		assertThat(UrlEncoding.encode("line\nbreak\u001f")).isEqualTo("line%0Abreak%1F");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			' '  | %20
			+    | %2B
			/    | %2F
			%    | %25
			?    | %3F
			#    | %23
			""")
	void neverUsesFormEncoding(String text, String expected) {
		assertThat(UrlEncoding.encode(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "abcXYZ019-._~", "plain" })
	void leavesUnreservedCharactersAlone(String text) {
		assertThat(UrlEncoding.encode(text)).isSameAs(text);
	}

	@Property(tries = 500)
	void decodingOnceGivesTheKeyBack(@ForAll String key) {
		String valid = key.codePoints()
			.filter((cp) -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		String encoded = UrlEncoding.encode(valid);
		assertThat(encoded).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
		assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(valid);
	}

}
