package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The client's own account-wide request budget
 * ({@link io.github.workerskv.kv.resilience.RequestBudgetOptions}) had no room for the request within its
 * {@code maxWait}, so the request was not sent. No HTTP request was made ({@link #httpStatus()} is 0);
 * {@link #retryAfter()} is how long until the budget has room again, when known. Not retried: waiting is
 * what the budget already did.
 */
public class CloudflareRequestBudgetException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareRequestBudgetException(String message, @Nullable Duration retryAfter) {
		super(message, 0, List.of(), retryAfter, null);
	}

}
