package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.List;

import io.github.workerskv.kv.resilience.RetryOptions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How long the client waits before the next attempt, and when it gives up instead. */
class RetryWaitsTest {

	private static final RetryOptions OPTIONS = RetryOptions.defaults();

	private final RetryWaits waits = new RetryWaits(OPTIONS);

	@Test
	void aRetryAfterIsHonouredAsTheServerAskedInsteadOfTheBackoff() {
		RetryWaits.Decision decision = this.waits.next(1, rateLimited(Duration.ofSeconds(3)), Duration.ZERO);
		assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(3));
		assertThat(decision.giveUpReason()).isNull();
	}

	@Test
	void maxRetryAfterShortensLongerServerWaits() {
		RetryWaits capped = new RetryWaits(OPTIONS.withMaxRetryAfter(Duration.ofMillis(20)));
		assertThat(capped.next(1, rateLimited(Duration.ofSeconds(1)), Duration.ZERO).delay())
			.isEqualTo(Duration.ofMillis(20));
		assertThat(capped.next(1, rateLimited(Duration.ofMillis(5)), Duration.ZERO).delay())
			.isEqualTo(Duration.ofMillis(5));
	}

	@Test
	void aRetryAfterLongerThanWhatIsLeftOfTheDeadlineGivesUpAtOnce() {
		RetryWaits.Decision decision = this.waits.next(1, rateLimited(Duration.ofMinutes(5)), Duration.ofSeconds(2));
		assertThat(decision.delay()).isNull();
		assertThat(decision.giveUpReason())
			.isEqualTo("the server asked to wait 300 s, more than the 28 s left of the call's 30 s deadline");
	}

	@Test
	void aBackoffThatWouldPassTheDeadlineGivesUp() {
		RetryWaits.Decision decision = this.waits.next(4, server(503), Duration.ofMillis(29_900));
		assertThat(decision.delay()).isNull();
		assertThat(decision.giveUpReason()).startsWith("the next wait of").endsWith("would pass the call's 30 s deadline");
	}

	@Test
	void withoutRetryAfterTheBackoffApplies() {
		Duration wait = this.waits.next(1, server(503), Duration.ZERO).delay();
		assertThat(wait).isBetween(Duration.ofMillis(375), Duration.ofMillis(626));
	}

	@Property(tries = 200)
	void backoffGrowsExponentiallyWithinItsJitterAndNeverPassesTheCap(@ForAll @IntRange(min = 1, max = 12) int attempt) {
		double base = Math.min(500 * Math.pow(2, attempt - 1), Long.MAX_VALUE);
		long backoff = this.waits.backoff(attempt).toMillis();
		assertThat(backoff).isLessThanOrEqualTo(8_000);
		assertThat(backoff).isGreaterThanOrEqualTo((long) Math.min(base * 0.75, 8_000) - 1);
	}

	@Property(tries = 200)
	void aDecisionEitherWaitsWithinTheDeadlineOrGivesUpWithAReason(@ForAll @IntRange(min = 1, max = 10) int attempt,
			@ForAll @IntRange(min = 0, max = 40_000) int elapsedMillis, @ForAll @IntRange(min = 0, max = 400) int retryAfterSeconds,
			@ForAll boolean serverSaid) {
		CloudflareKVException failure = serverSaid ? rateLimited(Duration.ofSeconds(retryAfterSeconds)) : server(502);
		Duration elapsed = Duration.ofMillis(elapsedMillis);
		RetryWaits.Decision decision = this.waits.next(attempt, failure, elapsed);
		if (decision.delay() != null) {
			assertThat(elapsed.plus(decision.delay())).isLessThanOrEqualTo(OPTIONS.deadline());
			assertThat(decision.giveUpReason()).isNull();
		}
		else {
			assertThat(decision.giveUpReason()).isNotBlank();
		}
	}

	private static CloudflareRateLimitException rateLimited(Duration retryAfter) {
		return new CloudflareRateLimitException("429", 429, List.of(), retryAfter, null);
	}

	private static CloudflareServerException server(int status) {
		return new CloudflareServerException(String.valueOf(status), status, List.of(), null, null);
	}

}
