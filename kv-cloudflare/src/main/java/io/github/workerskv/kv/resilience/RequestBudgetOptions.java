package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.Objects;

import io.github.workerskv.kv.InvalidOptionException;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A value outside the range of its {@code with…} method is refused with an
 * {@link InvalidOptionException} naming the option.
 */
public final class RequestBudgetOptions {

	private static final RequestBudgetOptions DISABLED = new RequestBudgetOptions(false, 1200, Duration.ofMinutes(5),
			Duration.ofMinutes(5));

	private final boolean enabled;

	private final int requests;

	private final Duration window;

	private final Duration maxWait;

	private RequestBudgetOptions(boolean enabled, int requests, Duration window, Duration maxWait) {
		this.enabled = enabled;
		this.requests = requests;
		this.window = window;
		this.maxWait = maxWait;
	}

	/** @return the budget switched off, with Cloudflare's 1,200 requests per 5 minutes once switched on */
	public static RequestBudgetOptions disabled() {
		return DISABLED;
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
	 * @param requests the most requests in any span of the window, at least 1
	 * @return a copy with this number
	 */
	public RequestBudgetOptions withRequests(int requests) {
		if (requests < 1) {
			throw new InvalidOptionException("requests", requests, "requests must be at least 1, was " + requests);
		}
		return new RequestBudgetOptions(this.enabled, requests, this.window, this.maxWait);
	}

	/**
	 * @param window the span in which at most {@link #requests()} requests are sent, positive
	 * @return a copy with this window
	 */
	public RequestBudgetOptions withWindow(Duration window) {
		Objects.requireNonNull(window, "window must not be null");
		if (window.isZero() || window.isNegative()) {
			throw new InvalidOptionException("window", window, "window must be positive, was " + window);
		}
		return new RequestBudgetOptions(this.enabled, this.requests, window, this.maxWait);
	}

	/**
	 * @param requests the most requests in any span of {@code window}, at least 1
	 * @param window the span, positive
	 * @return a copy with this budget
	 */
	public RequestBudgetOptions withBudget(int requests, Duration window) {
		return withRequests(requests).withWindow(window);
	}

	/**
	 * @param maxWait the longest a request waits for room, not negative
	 * @return a copy with this wait
	 */
	public RequestBudgetOptions withMaxWait(Duration maxWait) {
		Objects.requireNonNull(maxWait, "maxWait must not be null");
		if (maxWait.isNegative()) {
			throw new InvalidOptionException("maxWait", maxWait, "maxWait must not be negative, was " + maxWait);
		}
		return new RequestBudgetOptions(this.enabled, this.requests, this.window, maxWait);
	}

	/** @return whether requests are budgeted */
	public boolean enabled() {
		return this.enabled;
	}

	/** @return the most requests in any span of the window */
	public int requests() {
		return this.requests;
	}

	/** @return the span */
	public Duration window() {
		return this.window;
	}

	/** @return the longest a request waits for room */
	public Duration maxWait() {
		return this.maxWait;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof RequestBudgetOptions that && this.enabled == that.enabled
				&& this.requests == that.requests && this.window.equals(that.window) && this.maxWait.equals(that.maxWait);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.enabled, this.requests, this.window, this.maxWait);
	}

	@Override
	public String toString() {
		return "RequestBudgetOptions[enabled=" + this.enabled + ", requests=" + this.requests + ", window="
				+ this.window + ", maxWait=" + this.maxWait + "]";
	}

}
