package io.github.workerskv.kv.cloudflare;

import java.util.List;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys that a path or a query could misread arrive as exactly one key, decoded once. */
class KeysOverHttpTest {

	@RegisterExtension
	static final EmulatedAccount account = new EmulatedAccount();

	private CloudflareKVNamespace kv;

	@BeforeEach
	void namespace() {
		this.kv = account.freshNamespace();
	}

	@ParameterizedTest
	@ValueSource(strings = { "my key with spaces", "a/b/c", "/leading", "trailing/", "what?x=1&y=2", "hash#frag",
			"100%percent", "%2F-literal", "%252F", "plus+sign", "colon:at@bang!dollar$amp&quote'star*comma,semi;eq=",
			"tilde~under_dash-dot.", "back\\slash", "tab\there", "...", "a/../b", "a/./b", "ünïcødé-ключ-😀", "😀",
			"\uFFFF", "%", "%zz", "+", " ", "a b+c%20d", "\u0000", "nul\u0000inside", "%00", "ctl\u0001\u001f" })
	void aKeyRoundTripsThroughPutGetListAndDelete(String key) {
		this.kv.put(key, "value of " + key);
		assertThat(account.emulator().store().namespace(this.kv.id()).get(key)).isEqualTo("value of " + key);
		assertThat(this.kv.get(key)).isEqualTo("value of " + key);
		assertThat(this.kv.getWithMetadata(key).value()).isEqualTo("value of " + key);
		assertThat(this.kv.list().keys()).extracting(KVKey::name).containsExactly(key);
		assertThat(this.kv.list(ListOptions.defaults().withPrefix(key)).keys()).extracting(KVKey::name).containsExactly(key);
		assertThat(this.kv.get(List.of(key))).containsEntry(key, "value of " + key);
		this.kv.delete(key);
		assertThat(this.kv.get(key)).isNull();
		assertThat(this.kv.list().keys()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a+b", "a b", "a%20b", "a%2Bb" })
	void similarLookingKeysStayDistinct(String key) {
		for (String other : List.of("a+b", "a b", "a%20b", "a%2Bb")) {
			this.kv.put(other, other);
		}
		assertThat(this.kv.get(key)).isEqualTo(key);
		assertThat(this.kv.list(ListOptions.defaults().withPrefix(key)).keys()).extracting(KVKey::name).contains(key);
	}

}
