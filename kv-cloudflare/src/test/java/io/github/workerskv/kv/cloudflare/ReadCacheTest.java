package io.github.workerskv.kv.cloudflare;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.github.workerskv.kv.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadCacheTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private final ReadCache cache = new ReadCache(3, this.clock);

	@Test
	void servesAnEntryForTheReadsCacheTtl() {
		this.cache.put("ns", "k", entry("v", null), this.cache.epoch());
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.cache.get("ns", "k", Duration.ofSeconds(30))).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.get("ns", "k", Duration.ofSeconds(30))).isNull();
		assertThat(this.cache.get("ns", "k", Duration.ofSeconds(60))).isNotNull();
	}

	@Test
	void dropsAValueOnceItExpires() {
		long expiration = this.clock.instant().getEpochSecond() + 10;
		this.cache.put("ns", "k", entry("v", expiration), this.cache.epoch());
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.cache.get("ns", "k", Duration.ofHours(1))).isNull();
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void holdsAtMostItsSizeEvictingTheLeastRecentlyUsed() {
		this.cache.put("ns", "a", entry("1", null), this.cache.epoch());
		this.cache.put("ns", "b", entry("2", null), this.cache.epoch());
		this.cache.put("ns", "c", entry("3", null), this.cache.epoch());
		this.cache.get("ns", "a", Duration.ofMinutes(1));
		this.cache.put("ns", "d", entry("4", null), this.cache.epoch());
		assertThat(this.cache.size()).isEqualTo(3);
		assertThat(this.cache.get("ns", "b", Duration.ofMinutes(1))).isNull();
		assertThat(this.cache.get("ns", "a", Duration.ofMinutes(1))).isNotNull();
	}

	@Test
	void namespacesDoNotShareEntries() {
		this.cache.put("ns1", "k", entry("v", null), this.cache.epoch());
		assertThat(this.cache.get("ns2", "k", Duration.ofMinutes(1))).isNull();
	}

	@Test
	void aWriteDropsTheKeyAndAReadThatOverlappedItIsNotStored() {
		this.cache.put("ns", "k", entry("old", null), this.cache.epoch());
		long readStarted = this.cache.epoch();
		this.cache.invalidate("ns", "k");
		assertThat(this.cache.get("ns", "k", Duration.ofMinutes(1))).isNull();
		this.cache.put("ns", "k", entry("old", null), readStarted);
		assertThat(this.cache.get("ns", "k", Duration.ofMinutes(1))).isNull();
	}

	@Test
	void missesAreCachedAndServeEveryRead() {
		ReadCache.Entry miss = new ReadCache.Entry(null, true, true, null, null, this.clock.instant());
		assertThat(miss.serves(true, true)).isTrue();
		assertThat(miss.toStoredValue()).isNull();
	}

	@Test
	void textFromABulkReadDoesNotServeByteReads() {
		ReadCache.Entry text = new ReadCache.Entry(bytes("v"), false, true, "{}", null, this.clock.instant());
		assertThat(text.serves(false, true)).isTrue();
		assertThat(text.serves(true, false)).isFalse();
		ReadCache.Entry withoutMetadata = new ReadCache.Entry(bytes("v"), true, false, null, null, this.clock.instant());
		assertThat(withoutMetadata.serves(true, false)).isTrue();
		assertThat(withoutMetadata.serves(false, true)).isFalse();
	}

	@Test
	void aCacheOfSizeZeroHoldsNothing() {
		ReadCache off = new ReadCache(0, this.clock);
		off.put("ns", "k", entry("v", null), off.epoch());
		assertThat(off.enabled()).isFalse();
		assertThat(off.size()).isZero();
	}

	private ReadCache.Entry entry(String value, @Nullable Long expiration) {
		return new ReadCache.Entry(bytes(value), true, false, null, expiration, this.clock.instant());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
