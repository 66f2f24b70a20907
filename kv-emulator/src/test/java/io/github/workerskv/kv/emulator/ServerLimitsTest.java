package io.github.workerskv.kv.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The server limits' defaults, copies and the settings they refuse. */
class ServerLimitsTest {

	@Test
	void defaultsToAKibibytePerSecondThirtySecondsAnd256Requests() {
		ServerLimits limits = KVEmulatorOptions.defaults().serverLimits();

		assertThat(limits.minRequestDataRate()).isEqualTo(1024);
		assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(limits.maxConcurrentRequests()).isEqualTo(256);
		assertThat(limits).hasToString("ServerLimits[minRequestDataRate=1024 B/s, idleTimeout=PT30S, maxConcurrentRequests=256]");
	}

	@Test
	void copiesWithOneSettingChanged() {
		ServerLimits limits = ServerLimits.defaults().withMinRequestDataRate(0).withIdleTimeout(Duration.ofSeconds(5))
			.withMaxConcurrentRequests(8);

		assertThat(limits.minRequestDataRate()).isZero();
		assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(limits.maxConcurrentRequests()).isEqualTo(8);
		assertThat(limits).isEqualTo(ServerLimits.defaults().withMaxConcurrentRequests(8).withMinRequestDataRate(0)
			.withIdleTimeout(Duration.ofSeconds(5)));
		assertThat(ServerLimits.defaults().minRequestDataRate()).isEqualTo(1024);
		assertThat(KVEmulatorOptions.defaults().withServerLimits(limits).serverLimits()).isSameAs(limits);
	}

	@Test
	void refusesSettingsThatWouldDisableTheServer() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServerLimits.defaults().withMinRequestDataRate(-1))
			.withMessageContaining("0 (off) or more bytes per second");
		assertThatIllegalArgumentException().isThrownBy(() -> ServerLimits.defaults().withIdleTimeout(Duration.ZERO))
			.withMessageContaining("at least 1 ms");
		assertThatIllegalArgumentException().isThrownBy(() -> ServerLimits.defaults().withMaxConcurrentRequests(0))
			.withMessageContaining("At least 1 concurrent request");
	}

}
