package io.github.workerskv.kv.spring.cache;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored entry format, version 1: a header line, then the codec's bytes; nulls have no payload. */
class CacheEntryTests {

	@Test
	void aValueIsItsHeaderThenItsPayload() {
		byte[] bytes = new CacheEntry(1_900_000_000_000L, "\"v\"".getBytes(StandardCharsets.UTF_8)).encode();

		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("kvc1 v 1900000000000\n\"v\"");
		CacheEntry decoded = CacheEntry.decode(bytes);
		assertThat(decoded.expiresAtMillis()).isEqualTo(1_900_000_000_000L);
		assertThat(decoded.payload()).asString(StandardCharsets.UTF_8).isEqualTo("\"v\"");
	}

	@Test
	void aNullIsAHeaderWithoutPayload() {
		byte[] bytes = new CacheEntry(0, null).encode();

		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("kvc1 n 0\n");
		assertThat(CacheEntry.decode(bytes).isNull()).isTrue();
	}

	@Test
	void anEntryExpiresAtItsExpiryAndNeverWithoutOne() {
		assertThat(new CacheEntry(1_000, null).isExpired(999)).isFalse();
		assertThat(new CacheEntry(1_000, null).isExpired(1_000)).isTrue();
		assertThat(new CacheEntry(0, null).isExpired(Long.MAX_VALUE)).isFalse();
	}

	@Test
	void theLargestExpirySurvivesAndAnythingElseIsNotAnEntry() {
		assertThat(CacheEntry.decode(new CacheEntry(Long.MAX_VALUE, null).encode()).expiresAtMillis())
			.isEqualTo(Long.MAX_VALUE);
		for (String notAnEntry : new String[] { "", "hello", "kvc1 x 0\n", "kvc1 v \n", "kvc1 v 12", "kvc1 v 1a\n",
				"kvc1 v 99999999999999999999\n", "kvc2 v 0\n" }) {
			assertThat(CacheEntry.decode(notAnEntry.getBytes(StandardCharsets.UTF_8))).as(notAnEntry).isNull();
		}
	}

}
