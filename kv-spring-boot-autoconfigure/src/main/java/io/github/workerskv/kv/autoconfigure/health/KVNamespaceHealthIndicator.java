package io.github.workerskv.kv.autoconfigure.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.cloudflare.CloudflareAuthenticationException;
import io.github.workerskv.kv.cloudflare.CloudflareError;
import io.github.workerskv.kv.cloudflare.CloudflareIOException;
import io.github.workerskv.kv.cloudflare.CloudflareKVException;
import io.github.workerskv.kv.cloudflare.CloudflareMalformedResponseException;
import io.github.workerskv.kv.cloudflare.CloudflareNamespaceNotFoundException;
import io.github.workerskv.kv.cloudflare.CloudflareRetryExhaustedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one binding: UP when a one-page list of its namespace succeeds, DOWN with the failure
 * otherwise, and DOWN when no answer came within the check's timeout.
 *
 * <p>A check is one call, run on the contributor's executor, so that bindings are checked at the same time
 * and a health request waits at most the timeout ({@code cloudflare.kv.health.timeout}) whatever the
 * namespace does. A remote namespace is checked through its single-attempt view
 * ({@link io.github.workerskv.kv.cloudflare.CloudflareKVNamespace#withoutRetries()}): one authenticated
 * request of 10 keys (the REST API's smallest page) that proves the base URL, the account, the token and the
 * namespace id together, never retried; its result, UP or DOWN, is reused for the cache time-to-live after it
 * arrived. A local namespace lists one key on every check. While a check is in flight, health requests wait
 * for it, until one timeout after it started, instead of starting another, so each binding has at most one
 * check running: during an outage the first request waits the timeout and later ones answer at once, until
 * the check in flight ends (bounded by the client's connect and request timeouts) and a new one starts.
 *
 * <p>DOWN details are the exception's type and message ({@code error}), for a failed REST call its HTTP
 * status and Cloudflare's error codes (10000 is authentication), and a {@code hint} naming the property to
 * check; a check that timed out shows {@code timeout}. Messages of the REST client never hold credentials; the
 * configured API token is redacted from them all the same.
 */
final class KVNamespaceHealthIndicator implements HealthIndicator {

	private static final Log logger = LogFactory.getLog(KVNamespaceHealthIndicator.class);

	/** The REST API's smallest page; asking for fewer still fetches 10. */
	static final int REMOTE_LIST_LIMIT = 10;

	static final int LOCAL_LIST_LIMIT = 1;

	private final String binding;

	private final KVNamespace namespace;

	private final boolean remote;

	private final Settings settings;

	private @Nullable Check current;

	private Instant freshUntil = Instant.MIN;

	/**
	 * @param binding the binding name, for the log and the hints
	 * @param namespace the namespace to check: for a remote one, its single-attempt view
	 * @param remote whether it is reached over the REST API (its results are then cached)
	 * @param settings what every binding's check shares
	 */
	KVNamespaceHealthIndicator(String binding, KVNamespace namespace, boolean remote, Settings settings) {
		this.binding = binding;
		this.namespace = namespace;
		this.remote = remote;
		this.settings = settings;
	}

	@Override
	public Health health() {
		return await(check());
	}

	/**
	 * The current check: the one in flight, the last remote result while it is fresh, or a new one.
	 * @return the check
	 */
	synchronized Check check() {
		Check check = this.current;
		if (check != null && (!check.answer().isDone()
				|| (this.remote && this.settings.clock().instant().isBefore(this.freshUntil)))) {
			return check;
		}
		Check started = new Check(start(), System.nanoTime() + this.settings.timeout().toNanos());
		this.current = started;
		started.answer().whenComplete((health, ex) -> completed(started));
		return started;
	}

	/**
	 * Waits for a check until its deadline, one timeout after it started: a check still in flight from an
	 * earlier request that has passed its deadline answers at once.
	 * @param check a check from {@link #check()}
	 * @return the check's health, or DOWN with {@code timeout} if it did not complete in time
	 */
	Health await(Check check) {
		try {
			return check.answer().get(Math.max(0, check.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			Map<String, Object> details = details();
			String error = TimeoutException.class.getName() + ": no answer within " + this.settings.timeout().toMillis()
					+ " ms (cloudflare.kv.health.timeout); the check goes on, and a later health request shows its answer";
			logger.warn("KV health check of binding '" + this.binding + "' failed: " + error);
			details.put("error", error);
			details.put("timeout", this.settings.timeout().toString());
			if (this.remote) {
				details.put("hint", "Check " + this.settings.baseUrl() + " and the network.");
			}
			return Health.down().withDetails(details).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetails(details()).withDetail("error", "interrupted while waiting").build();
		}
		catch (ExecutionException ex) {
			return down((ex.getCause() != null) ? ex.getCause() : ex);
		}
	}

	private synchronized void completed(Check check) {
		if (this.current == check) {
			this.freshUntil = this.settings.clock().instant().plus(this.settings.cacheTimeToLive());
		}
	}

	private CompletableFuture<Health> start() {
		ListOptions page = ListOptions.defaults().withLimit(this.remote ? REMOTE_LIST_LIMIT : LOCAL_LIST_LIMIT);
		try {
			return CompletableFuture.supplyAsync(() -> this.namespace.list(page), this.settings.executor())
				.handle((result, ex) -> (ex == null) ? Health.up().withDetails(details()).build()
						: down((ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(down(ex));
		}
	}

	private Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("mode", this.remote ? "remote" : "local");
		if (this.remote) {
			details.put("namespaceId", this.namespace.id());
		}
		return details;
	}

	private Health down(Throwable ex) {
		Map<String, Object> details = details();
		String error = ex.getClass().getName() + ": " + this.settings.redaction().apply(String.valueOf(ex.getMessage()));
		logger.warn("KV health check of binding '" + this.binding + "' failed: " + error);
		details.put("error", error);
		if (ex instanceof CloudflareKVException cloudflare) {
			details.put("httpStatus", cloudflare.httpStatus());
			details.put("errorCodes", cloudflare.errors().stream().map(CloudflareError::code).toList());
			if (cloudflare.retryAfter() != null) {
				details.put("retryAfter", cloudflare.retryAfter().toString());
			}
			if (cloudflare instanceof CloudflareRetryExhaustedException exhausted) {
				details.put("attempts", exhausted.attempts());
			}
			String hint = hint(cloudflare);
			if (hint != null) {
				details.put("hint", hint);
			}
		}
		return Health.down().withDetails(details).build();
	}

	private @Nullable String hint(CloudflareKVException failure) {
		if (failure instanceof CloudflareMalformedResponseException) {
			return "Check " + this.settings.baseUrl() + ": it does not answer as Cloudflare's API.";
		}
		if (failure instanceof CloudflareIOException) {
			return "Check " + this.settings.baseUrl() + " and that the server is up.";
		}
		if (failure instanceof CloudflareAuthenticationException) {
			return "Check cloudflare.kv.api-token (Workers KV Storage permissions) and cloudflare.kv.account-id.";
		}
		if (failure instanceof CloudflareNamespaceNotFoundException) {
			return "Check cloudflare.kv.namespaces." + this.binding + ".id (or the binding's entry in the wrangler "
					+ "file) and " + this.settings.baseUrl() + ".";
		}
		return null;
	}

	/**
	 * One check of the binding.
	 * @param answer completes with the binding's health; never exceptionally
	 * @param deadline the {@link System#nanoTime()} by which a health request stops waiting for it
	 */
	record Check(CompletableFuture<Health> answer, long deadline) {
	}

	/**
	 * What the checks of every binding share.
	 * @param cacheTimeToLive how long a remote result is reused after it arrived; zero for not at all
	 * @param timeout how long a health request waits for a check
	 * @param clock tells when a cached result expires
	 * @param executor runs the checks
	 * @param redaction removes secrets from exception messages
	 * @param baseUrl the base URL and what sets it, for hints: {@code cloudflare.kv.base-url (https://...)}
	 */
	record Settings(Duration cacheTimeToLive, Duration timeout, InstantSource clock, Executor executor,
			UnaryOperator<String> redaction, String baseUrl) {
	}

}
