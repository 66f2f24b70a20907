package io.github.workerskv.kv.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Enforces a {@link RequestBudget} per account id with the emulator's clock: a fixed window that
 * opens at the account's first request, and a lock-out of one window from the request that exceeds
 * it (see {@link RequestBudget} for the rules). Each account's state is replaced atomically, so
 * concurrent requests are counted exactly.
 */
final class RequestBudgetLimiter {

	static final String RATELIMIT = "Ratelimit";

	static final String RATELIMIT_POLICY = "Ratelimit-Policy";

	private static final int PRUNE_THRESHOLD = 10_000;

	private final RequestBudget budget;

	private final Clock clock;

	private final StatsCounters counters;

	private final String policy;

	private final Map<String, State> accounts = new ConcurrentHashMap<>();

	RequestBudgetLimiter(RequestBudget budget, Clock clock, StatsCounters counters) {
		this.budget = budget;
		this.clock = clock;
		this.counters = counters;
		this.policy = "\"default\";q=" + budget.requests() + ";w=" + budget.windowSeconds();
	}

	/**
	 * Counts one request of an account.
	 * @param accountId the account
	 * @return the informational headers for the answer ({@code Ratelimit}, {@code Ratelimit-Policy})
	 * @throws ApiException (429, code 971, {@code Retry-After}) if the request exceeds the budget or
	 * the account is locked out
	 */
	Map<String, String> admit(String accountId) {
		Instant now = this.clock.instant();
		Verdict[] verdict = new Verdict[1];
		this.accounts.compute(accountId, (id, state) -> {
			Next decided = decide(state, now);
			verdict[0] = decided.verdict();
			return decided.state();
		});
		if (this.accounts.size() > PRUNE_THRESHOLD) {
			this.accounts.values().removeIf((state) -> state.isIdleAt(now, this.budget.window()));
		}
		Verdict result = verdict[0];
		if (result.admitted()) {
			return Map.of(RATELIMIT, ratelimit(result.remaining(), result.resetSeconds()), RATELIMIT_POLICY,
					this.policy);
		}
		this.counters.lockOutRejection();
		throw ApiException.throttled(result.resetSeconds(),
				Map.of(RATELIMIT, ratelimit(0, result.resetSeconds()), RATELIMIT_POLICY, this.policy));
	}

	private Next decide(@Nullable State state, Instant now) {
		Duration window = this.budget.window();
		if (state != null && state.lockedUntil() != null) {
			if (now.isBefore(state.lockedUntil())) {
				return new Next(state, Verdict.refused(seconds(now, state.lockedUntil())));
			}
			state = null;
		}
		if (state == null || !now.isBefore(state.windowStart().plus(window))) {
			state = new State(now, 0, null);
		}
		if (state.count() >= this.budget.requests()) {
			Instant lockedUntil = now.plus(window);
			return new Next(new State(state.windowStart(), state.count(), lockedUntil),
					Verdict.refused(seconds(now, lockedUntil)));
		}
		int count = state.count() + 1;
		return new Next(new State(state.windowStart(), count, null),
				Verdict.admitted(this.budget.requests() - count, seconds(now, state.windowStart().plus(window))));
	}

	private static String ratelimit(long remaining, long resetSeconds) {
		return "\"default\";r=" + remaining + ";t=" + resetSeconds;
	}

	/** @return the whole seconds from {@code now} to {@code end}, rounded up, at least 1 */
	private static long seconds(Instant now, Instant end) {
		Duration wait = Duration.between(now, end);
		long seconds = wait.getSeconds() + ((wait.getNano() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	/**
	 * One account's budget.
	 * @param windowStart when its current window opened
	 * @param count the requests admitted in that window
	 * @param lockedUntil the end of its lock-out, or {@code null} if it is not locked out
	 */
	record State(Instant windowStart, int count, @Nullable Instant lockedUntil) {

		boolean isIdleAt(Instant now, Duration window) {
			Instant end = (this.lockedUntil != null) ? this.lockedUntil : this.windowStart.plus(window);
			return !now.isBefore(end);
		}

	}

	/**
	 * What happens to one request.
	 * @param admitted whether it is served
	 * @param remaining the requests left in the window after it
	 * @param resetSeconds seconds until the window ends (admitted) or the lock-out ends (refused)
	 */
	record Verdict(boolean admitted, long remaining, long resetSeconds) {

		static Verdict admitted(long remaining, long resetSeconds) {
			return new Verdict(true, remaining, resetSeconds);
		}

		static Verdict refused(long retryAfterSeconds) {
			return new Verdict(false, 0, retryAfterSeconds);
		}

	}

	/**
	 * An account's next state and the verdict on the request that led to it.
	 * @param state the new state
	 * @param verdict the verdict
	 */
	private record Next(State state, Verdict verdict) {
	}

}
