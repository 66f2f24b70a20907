package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic refresh of the global document really runs: on a given scheduler, and on the service's own thread. */
class BackgroundRefreshTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final LocalKVStore store = LocalKVStore.inMemory();

	private final KVNamespace kv = this.store.namespace("flags");

	private final List<FeatureFlags> services = new ArrayList<>();

	@AfterEach
	void close() {
		this.services.forEach(FeatureFlags::close);
		this.store.close();
	}

	@Test
	void theGlobalDocumentIsReadAgainEveryRefreshIntervalOnTheGivenScheduler() {
		this.kv.put("flags:global", "{\"on\": false}");
		ManualScheduler scheduler = new ManualScheduler(this.clock);
		FeatureFlags flags = FeatureFlags.create(this.kv,
				FeatureFlagsOptions.defaults().withClock(this.clock).withScheduler(scheduler));
		this.services.add(flags);
		assertThat(scheduler.periods()).containsExactly(Duration.ofSeconds(60));
		assertThat(flags.state().refreshes()).isEqualTo(1);

		this.kv.put("flags:global", "{\"on\": true}");
		scheduler.advance(Duration.ofSeconds(59));
		assertThat(flags.isEnabled("on")).isFalse();
		scheduler.advance(Duration.ofSeconds(1));
		assertThat(flags.isEnabled("on")).isTrue();
		scheduler.advance(Duration.ofSeconds(120));
		assertThat(flags.state().refreshes()).isEqualTo(4);
		assertThat(flags.state().lastRefresh()).isEqualTo(this.clock.instant());

		flags.close();
		assertThat(scheduler.periods()).isEmpty();
		scheduler.advance(Duration.ofSeconds(120));
		assertThat(flags.state().refreshes()).isEqualTo(4);
	}

	@Test
	void theServicesOwnThreadRefreshesInTheBackground() throws InterruptedException {
		this.kv.put("flags:global", "{\"on\": false}");
		FeatureFlags flags = FeatureFlags.create(this.kv,
				FeatureFlagsOptions.defaults().withRefreshInterval(Duration.ofSeconds(1)));
		this.services.add(flags);
		assertThat(flags.isEnabled("on")).isFalse();

		this.kv.put("flags:global", "{\"on\": true}");
		// Bounded: 1 s is the interval; 200 polls of 50 ms give the background thread ten times that.
		for (int i = 0; i < 200 && !flags.isEnabled("on"); i++) {
			Thread.sleep(50);
		}
		assertThat(flags.isEnabled("on")).isTrue();
		assertThat(flags.state().refreshes()).isGreaterThanOrEqualTo(2);
	}

}
