package io.github.workerskv.kv.cloudflare;

import java.util.Map;

import io.github.workerskv.kv.cloudflare.WriteHistory.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker of the unknown-outcome tests finds the bug it is there to find, and only that. */
class WriteHistoryTest {

	@Test
	void anEarlierAcknowledgedWriteThatEndsUpOnTopIsAViolation() {
		WriteHistory history = new WriteHistory();
		history.record("hot", "a", Outcome.ACKNOWLEDGED);
		history.record("hot", "b", Outcome.ACKNOWLEDGED);
		assertThat(history.violations(Map.of("hot", "a")::get)).singleElement().asString().startsWith("hot ended with a");
		assertThat(history.violations(Map.of("hot", "b")::get)).isEmpty();
	}

	@Test
	void aWriteWithAnUnknownOutcomeMayLandAnyTimeButAFailedOneOnlyBeforeItsAnswer() {
		WriteHistory history = new WriteHistory();
		history.record("hot", "a", Outcome.UNKNOWN);
		history.record("hot", "b", Outcome.FAILED);
		history.record("hot", "c", Outcome.ACKNOWLEDGED);
		history.record("hot", "d", Outcome.FAILED);
		assertThat(history.allowed("hot")).containsExactlyInAnyOrder("a", "c", "d");
	}

	@Test
	void aKeyWithoutAcknowledgedWritesMayStillBeMissing() {
		WriteHistory history = new WriteHistory();
		history.record("k", "v", Outcome.FAILED);
		assertThat(history.allowed("k")).containsExactlyInAnyOrder(null, "v");
		assertThat(history.violations(Map.of("k", "w")::get)).hasSize(1);
	}

}
