package io.github.workerskv.kv.spring.cache;

import java.time.Duration;

import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The writer's one rule of expiration, and its refusal to clear a whole namespace. */
class KVCacheWriterTests {

	@Test
	void aTimeToLiveBecomesWholeSecondsRoundedUpAndAtLeastSixty() {
		assertThat(KVCacheWriter.expirationTtlSeconds(Duration.ofMillis(1))).isEqualTo(60);
		assertThat(KVCacheWriter.expirationTtlSeconds(Duration.ofSeconds(59))).isEqualTo(60);
		assertThat(KVCacheWriter.expirationTtlSeconds(Duration.ofSeconds(60))).isEqualTo(60);
		assertThat(KVCacheWriter.expirationTtlSeconds(Duration.ofMillis(60_001))).isEqualTo(61);
		assertThat(KVCacheWriter.expirationTtlSeconds(Duration.ofHours(1))).isEqualTo(3600);
	}

	@Test
	void noTimeToLiveIsNotAnExpiration() {
		assertThatIllegalArgumentException().isThrownBy(() -> KVCacheWriter.expirationTtlSeconds(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> TtlFunction.just(Duration.ofSeconds(-1)))
			.withMessageContaining("Duration.ZERO");
	}

	@Test
	void clearNeedsAPrefix() {
		try (LocalKVStore store = LocalKVStore.inMemory()) {
			KVCacheWriter writer = KVCacheWriter.create(store.namespace("w"));

			assertThatIllegalArgumentException().isThrownBy(() -> writer.clear(""));
		}
	}

}
