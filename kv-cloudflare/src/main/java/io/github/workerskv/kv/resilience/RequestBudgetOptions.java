package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * An account-wide request budget for one REST client, shared by all its namespaces: Cloudflare allows
 * 1,200 API requests per five minutes and, past that, answers every request of the account with 429 for
 * the next five minutes. With the budget on, the client sends at most {@code requests} requests in any
 * span of {@code window}, and a burst beyond it waits for room instead of locking the account out. Off by
 * default; immutable, change it with the {@code with…} methods.
 *
 * <p>Every HTTP request counts, retries and namespace management included. A request holds its place from
 * the moment it is sent until {@code window} after its answer arrived, so that however the network delays
 * requests, the server never sees more than {@code requests} of them arrive within one window. A request
 * that would have to wait longer than {@code maxWait} fails at once with
 * {@code CloudflareRequestBudgetException} instead of waiting.
 *
 * <dl>
 * <dt>enabled</dt><dd>{@code false}</dd>
 * <dt>requests</dt><dd>1,200</dd>
 * <dt>window</dt><dd>5 minutes</dd>
 * <dt>maxWait</dt><dd>5 minutes: a request waits as long as it takes for the window to make room</dd>
 * </dl>
 *
 * <p>Limits: the budget counts this client's requests only; other clients, processes or wrangler using
 * the same account are not seen, so give each its share (for example 600 each for two instances). Waiting
 * blocks the calling thread (or, for the {@code …Async} calls, an executor thread).
 *
 * @param enabled whether requests are budgeted
 * @param requests the most requests in any span of {@code window}, at least 1
 * @param window the span, positive
 * @param maxWait the longest a request waits for room, not negative
 */
public record RequestBudgetOptions(boolean enabled, int requests, Duration window, Duration maxWait) {

	/**
	 * Validates the options.
	 * @throws IllegalArgumentException if {@code requests} is below 1, the window is not positive or the
	 * wait is negative
	 */
	public RequestBudgetOptions {
		Objects.requireNonNull(window, "window must not be null");
		Objects.requireNonNull(maxWait, "maxWait must not be null");
		if (requests < 1) {
			throw new IllegalArgumentException("requests must be at least 1, was " + requests);
		}
		if (window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("window must be positive, was " + window);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
		}
	}

	/** @return the budget switched off, with Cloudflare's 1,200 requests per 5 minutes once switched on */
	public static RequestBudgetOptions disabled() {
		return new RequestBudgetOptions(false, 1200, Duration.ofMinutes(5), Duration.ofMinutes(5));
	}

	/** @return Cloudflare's budget, switched on: 1,200 requests per 5 minutes, waiting up to 5 minutes */
	public static RequestBudgetOptions cloudflareDefault() {
		return disabled().withEnabled(true);
	}

	/**
	 * @param enabled whether requests are budgeted
	 * @return a copy with this switch
	 */
	public RequestBudgetOptions withEnabled(boolean enabled) {
		return new RequestBudgetOptions(enabled, this.requests, this.window, this.maxWait);
	}

	/**
	 * @param requests the most requests in any span of {@code window}
	 * @param window the span
	 * @return a copy with this budget
	 */
	public RequestBudgetOptions withBudget(int requests, Duration window) {
		return new RequestBudgetOptions(this.enabled, requests, window, this.maxWait);
	}

	/**
	 * @param maxWait the longest a request waits for room
	 * @return a copy with this wait
	 */
	public RequestBudgetOptions withMaxWait(Duration maxWait) {
		return new RequestBudgetOptions(this.enabled, this.requests, this.window, maxWait);
	}

}
