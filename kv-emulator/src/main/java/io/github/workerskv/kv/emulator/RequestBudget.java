package io.github.workerskv.kv.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * An account-wide request budget, like Cloudflare's API limit of 1,200 requests per five minutes:
 * {@code new RequestBudget(1200, Duration.ofMinutes(5))}.
 *
 * <p>How the emulator applies it ({@link KVEmulatorOptions#withRequestBudget(int, Duration)}):
 * every authenticated request to an account's endpoints ({@code /accounts/{id}/...}) counts against
 * that account id, whichever token sent it. An account's window opens at its first counted request
 * and lasts {@code window}; the first request at or after its end opens the next one. The request
 * that would be number {@code requests + 1} within a window is answered 429 (code 971, with
 * {@code Retry-After}) and locks the account out for {@code window} from that moment: every call
 * to the account, reads included, is answered the same 429 until then. The first request after
 * the lock-out opens a fresh window. Time is the emulator's clock
 * ({@link KVEmulatorOptions#withClock}), so a {@link KVEmulatorClock} makes it all exact.
 *
 * <p>Limits: the window is whole seconds (the {@code Ratelimit-Policy} header states it in seconds),
 * from one second to one day. Requests that do not name an account ({@code /user},
 * {@code /memberships}, {@code /accounts}, {@code /user/tokens/verify}), requests refused before
 * authentication or the account check, and requests answered by an injected {@link Faults} fault
 * are neither counted nor refused.
 *
 * @param requests how many requests an account may make per window, at least 1
 * @param window the length of a window and of a lock-out, whole seconds from 1 s to 1 day
 */
public record RequestBudget(int requests, Duration window) {

	private static final Duration MAX_WINDOW = Duration.ofDays(1);

	/**
	 * Validates the budget.
	 * @throws IllegalArgumentException if {@code requests} is below 1, or {@code window} is not a
	 * whole number of seconds from 1 s to 1 day
	 */
	public RequestBudget {
		if (requests < 1) {
			throw new IllegalArgumentException("A request budget allows at least 1 request, not " + requests);
		}
		Objects.requireNonNull(window, "window must not be null");
		if (window.getNano() != 0 || window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
			throw new IllegalArgumentException(
					"A request budget's window is whole seconds from 1 s to 1 day, not " + window);
		}
	}

	/** @return the window in seconds, as {@code Ratelimit-Policy} states it */
	public long windowSeconds() {
		return this.window.getSeconds();
	}

	@Override
	public String toString() {
		return this.requests + " requests per " + windowSeconds() + " s";
	}

}
