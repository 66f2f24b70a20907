package io.github.workerskv.kv;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every limit of {@link KVLimits}, on both sides of its edge, with the message it gives. */
class KVLimitsTest {

	private static final long NOW = 1_800_000_000L;

	@Test
	void keyOf512Utf8BytesIsAcceptedIn1And2And4ByteCharacters() {
		assertThatCode(() -> KVLimits.checkKey("a".repeat(512))).doesNotThrowAnyException();
		assertThatCode(() -> KVLimits.checkKey("é".repeat(256))).doesNotThrowAnyException();
		assertThatCode(() -> KVLimits.checkKey("😀".repeat(128))).doesNotThrowAnyException();
	}

	@Test
	void keyOver512Utf8BytesIsRejectedWithItsByteLength() {
		assertThatThrownBy(() -> KVLimits.checkKey("a".repeat(513))).isInstanceOf(InvalidKeyException.class)
			.hasMessage("UTF-8 encoded length of 513 exceeds key length limit of 512.")
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(((KVValidationException) ex).httpStatus())
				.isEqualTo(414));
		assertThatThrownBy(() -> KVLimits.checkKey("😀".repeat(129)))
			.hasMessage("UTF-8 encoded length of 516 exceeds key length limit of 512.");
		assertThatThrownBy(() -> KVLimits.checkKey("é".repeat(256) + "x"))
			.hasMessage("UTF-8 encoded length of 513 exceeds key length limit of 512.");
	}

	@Test
	void emptyDotAndDotDotKeysAreRejectedButOtherDotsAreFine() {
		assertThatThrownBy(() -> KVLimits.checkKey("")).isInstanceOf(InvalidKeyException.class)
			.hasMessage("Key name cannot be empty.");
		assertThatThrownBy(() -> KVLimits.checkKey(".")).hasMessage("\".\" is not allowed as a key name.");
		assertThatThrownBy(() -> KVLimits.checkKey("..")).hasMessage("\"..\" is not allowed as a key name.");
		for (String fine : List.of("...", "./", "a/../b", ".a", "a.")) {
			assertThatCode(() -> KVLimits.checkKey(fine)).doesNotThrowAnyException();
		}
	}

	@Test
	void keyWithAnUnpairedSurrogateIsRejected() {
		assertThatThrownBy(() -> KVLimits.checkKey("a\uD800b")).isInstanceOf(InvalidKeyException.class)
			.hasMessageContaining("unpaired surrogate at index 1");
		assertThatThrownBy(() -> KVLimits.checkKey("\uDE00")).isInstanceOf(InvalidKeyException.class);
	}

	@Test
	void valueOf25MiBIsAcceptedAndOneMoreByteIsNot() {
		assertThatCode(() -> KVLimits.checkValueLength(26_214_400)).doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkValueLength(26_214_401)).isInstanceOf(ValueTooLargeException.class)
			.hasMessage("Value length of 26214401 exceeds limit of 26214400.");
	}

	@Test
	void metadataIsMeasuredInUtf8BytesOfItsJson() {
		String exactly1024 = "{\"m\":\"" + "x".repeat(1016) + "\"}";
		assertThatCode(() -> KVLimits.checkMetadataJson(exactly1024)).doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkMetadataJson("{\"m\":\"" + "x".repeat(1017) + "\"}"))
			.isInstanceOf(MetadataTooLargeException.class)
			.hasMessage("Metadata length of 1025 exceeds limit of 1024.");
		String twoByteChars = "\"" + "é".repeat(512) + "\"";
		assertThatThrownBy(() -> KVLimits.checkMetadataJson(twoByteChars))
			.hasMessage("Metadata length of 1026 exceeds limit of 1024.");
	}

	@Test
	void expirationTtlMustBeAtLeast60Seconds() {
		assertThatCode(() -> KVLimits.checkExpirationTtl(60)).doesNotThrowAnyException();
		assertThatCode(() -> KVLimits.checkExpirationTtl(Integer.MAX_VALUE)).doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkExpirationTtl(59)).isInstanceOf(InvalidExpirationException.class)
			.hasMessage("Invalid expiration_ttl of 59. Expiration TTL must be at least 60.");
		assertThatThrownBy(() -> KVLimits.checkExpirationTtl(0))
			.hasMessage("Invalid expiration_ttl of 0. Please specify integer greater than 0.");
		assertThatThrownBy(() -> KVLimits.checkExpirationTtl(-1))
			.hasMessage("Invalid expiration_ttl of -1. Please specify integer greater than 0.");
		assertThatThrownBy(() -> KVLimits.checkExpirationTtl(Integer.MAX_VALUE + 1L))
			.hasMessageContaining("at most 2147483647");
	}

	@Test
	void expirationMustBeAtLeast60SecondsAhead() {
		assertThatCode(() -> KVLimits.checkExpiration(NOW + 60, NOW)).doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkExpiration(NOW + 59, NOW)).isInstanceOf(InvalidExpirationException.class)
			.hasMessage("Invalid expiration of " + (NOW + 59)
					+ ". Expiration times must be at least 60 seconds in the future.");
		assertThatThrownBy(() -> KVLimits.checkExpiration(NOW, NOW)).hasMessage("Invalid expiration of " + NOW
				+ ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
		assertThatThrownBy(() -> KVLimits.checkExpiration(0, NOW))
			.hasMessageContaining("greater than the current number of seconds");
	}

	@Test
	void expirationInMillisecondsIsRejectedWithAHint() {
		assertThatCode(() -> KVLimits.checkExpiration(Integer.MAX_VALUE, NOW)).doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkExpiration(NOW * 1000, NOW)).isInstanceOf(InvalidExpirationException.class)
			.hasMessageContaining("milliseconds");
	}

	@Test
	void cacheTtlMustBeAtLeast30Seconds() {
		assertThatCode(() -> KVLimits.checkCacheTtl(30)).doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkCacheTtl(29)).isInstanceOf(InvalidCacheTtlException.class)
			.hasMessage("Invalid cache_ttl of 29. Cache TTL must be at least 30.");
		assertThatThrownBy(() -> GetOptions.defaults().withCacheTtl(Duration.ofSeconds(29))).isInstanceOf(InvalidCacheTtlException.class);
		assertThatCode(() -> GetOptions.defaults().withCacheTtl(Duration.ofSeconds(30))).doesNotThrowAnyException();
	}

	@Test
	void listLimitMustBeBetween1And1000() {
		assertThatCode(() -> ListOptions.defaults().withLimit(1)).doesNotThrowAnyException();
		assertThatCode(() -> ListOptions.defaults().withLimit(1000)).doesNotThrowAnyException();
		assertThatThrownBy(() -> ListOptions.defaults().withLimit(1001)).isInstanceOf(InvalidListOptionsException.class)
			.hasMessage("Invalid key_count_limit of 1001. Please specify an integer less than or equal to 1000.");
		assertThatThrownBy(() -> ListOptions.defaults().withLimit(0))
			.hasMessage("Invalid key_count_limit of 0. Please specify an integer greater than 0.");
	}

	@Test
	void listPrefixIsLimitedLikeAKey() {
		assertThatCode(() -> ListOptions.defaults().withPrefix("p".repeat(512))).doesNotThrowAnyException();
		assertThatThrownBy(() -> ListOptions.defaults().withPrefix("p".repeat(513)))
			.isInstanceOf(InvalidListOptionsException.class)
			.hasMessage("UTF-8 encoded length of 513 exceeds key length limit of 512.");
	}

	@Test
	void bulkGetTakes1To100KeysAsTextOrJson() {
		List<String> hundred = IntStream.range(0, 100).mapToObj((i) -> "k" + i).toList();
		List<String> hundredOne = IntStream.range(0, 101).mapToObj((i) -> "k" + i).toList();
		assertThatCode(() -> KVLimits.checkBulkGet(hundred, ValueType.text())).doesNotThrowAnyException();
		assertThatCode(() -> KVLimits.checkBulkGet(List.of("a"), ValueType.json(Object.class)))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkBulkGet(hundredOne, ValueType.text()))
			.isInstanceOf(InvalidBulkGetException.class)
			.hasMessage("You can request a maximum of 100 keys (requested 101)");
		assertThatThrownBy(() -> KVLimits.checkBulkGet(Collections.emptyList(), ValueType.text()))
			.hasMessage("You must request a minimum of 1 key");
		assertThatThrownBy(() -> KVLimits.checkBulkGet(List.of("a"), ValueType.bytes()))
			.hasMessage("\"arrayBuffer\" is not a valid type. Use \"json\" or \"text\"");
		assertThatThrownBy(() -> KVLimits.checkBulkGet(List.of("a"), ValueType.stream()))
			.hasMessage("\"stream\" is not a valid type. Use \"json\" or \"text\"");
		assertThatThrownBy(() -> KVLimits.checkBulkGet(List.of("a", ""), ValueType.text()))
			.isInstanceOf(InvalidKeyException.class)
			.hasMessage("Key names must not be empty");
		assertThatThrownBy(() -> KVLimits.checkBulkGet(List.of("a", "."), ValueType.text()))
			.isInstanceOf(InvalidKeyException.class)
			.hasMessage("\".\" is not allowed as a key name.");
	}

	@Test
	void bulkGetTotalIsLimitedTo25MiB() {
		assertThatCode(() -> KVLimits.checkBulkGetSize(26_214_400)).doesNotThrowAnyException();
		assertThatThrownBy(() -> KVLimits.checkBulkGetSize(26_214_401)).isInstanceOf(InvalidBulkGetException.class)
			.hasMessageStartingWith("Total size of request exceeds the limit of 25MB");
	}

	@Test
	void putOptionsRejectAShortTtlWhenBuilt() {
		assertThatThrownBy(() -> PutOptions.none().withExpirationTtl(Duration.ofSeconds(59)))
			.isInstanceOf(InvalidExpirationException.class);
		assertThatCode(() -> PutOptions.none().withExpirationTtl(Duration.ofMillis(60_900))).doesNotThrowAnyException();
	}

}
