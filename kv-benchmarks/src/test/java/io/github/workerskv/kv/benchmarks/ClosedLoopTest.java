package io.github.workerskv.kv.benchmarks;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A closed loop counts a call that throws as failed and goes on, and gives up on a run in which more than one
 * call in 1,000 fails.
 */
class ClosedLoopTest {

	@Test
	void aRareFailureIsCountedAndTheLoopGoesOn() throws Exception {
		ClosedLoop.Tally before = ClosedLoop.tally();
		ClosedLoop.Result result = ClosedLoop.run(2, Duration.ofMillis(300), (caller, i) -> {
			if (caller == 0 && i == 5_000) {
				throw new IOException("HTTP/1.1 header parser received no bytes");
			}
			Thread.onSpinWait();
		});
		ClosedLoop.Tally after = ClosedLoop.tally();
		assertThat(after.failed() - before.failed()).isEqualTo(1);
		assertThat(after.calls() - before.calls()).isEqualTo(result.ops() + 1);
		assertThat(result.ops()).isGreaterThan(10_000);
		assertThat(after.first()).isNotNull();
	}

	@Test
	void aRunInWhichManyCallsFailIsNoMeasurement() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ClosedLoop.run(2, Duration.ofMillis(200), (caller, i) -> {
				if (i % 10 == 0) {
					throw new IOException("refused");
				}
			}))
			.withMessageContaining("calls")
			.withMessageContaining("failed");
	}

}
