package io.github.workerskv.kv.autoconfigure.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.cloudflare.CloudflareError;
import io.github.workerskv.kv.cloudflare.CloudflareKVException;
import io.github.workerskv.kv.cloudflare.CloudflareRetryExhaustedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one binding: UP when a one-page list of its namespace succeeds, DOWN with the failure
 * otherwise.
 *
 * <p>A local namespace lists one key on every check. A remote namespace lists 10 keys (the REST API's
 * smallest page), an authenticated call that proves the base URL, the account, the token and the
 * namespace id together; its result, UP or DOWN, is reused for the cache time-to-live, and concurrent
 * checks wait for the one in flight instead of each calling Cloudflare. A check is as slow as the call:
 * up to the client's request timeout.
 *
 * <p>DOWN details are the exception's type and message ({@code error}) and, for a failed REST call, its
 * HTTP status and Cloudflare's error codes (10000 is authentication), and how many attempts the client's
 * retries made ({@code attempts}) when they gave up. A check retries as every call does, so during an outage
 * it can take up to the retry deadline ({@code cloudflare.kv.retry.deadline}). Messages of the REST client never
 * hold credentials; the configured API token is redacted from them all the same.
 */
final class KVNamespaceHealthIndicator implements HealthIndicator {

	private static final Log logger = LogFactory.getLog(KVNamespaceHealthIndicator.class);

	/** The REST API's smallest page; asking for fewer still fetches 10. */
	static final int REMOTE_LIST_LIMIT = 10;

	static final int LOCAL_LIST_LIMIT = 1;

	private final String binding;

	private final KVNamespace namespace;

	private final boolean remote;

	private final Duration cacheTimeToLive;

	private final InstantSource clock;

	private final UnaryOperator<String> redaction;

	private @Nullable Health cached;

	private Instant cachedUntil = Instant.MIN;

	/**
	 * @param binding the binding name, for the log
	 * @param namespace the namespace to check
	 * @param remote whether it is reached over the REST API (its results are then cached)
	 * @param cacheTimeToLive how long a remote result is reused; zero for not at all
	 * @param clock tells when a cached result expires
	 * @param redaction removes secrets from exception messages
	 */
	KVNamespaceHealthIndicator(String binding, KVNamespace namespace, boolean remote, Duration cacheTimeToLive,
			InstantSource clock, UnaryOperator<String> redaction) {
		this.binding = binding;
		this.namespace = namespace;
		this.remote = remote;
		this.cacheTimeToLive = cacheTimeToLive;
		this.clock = clock;
		this.redaction = redaction;
	}

	@Override
	public Health health() {
		if (!this.remote || this.cacheTimeToLive.isZero() || this.cacheTimeToLive.isNegative()) {
			return check();
		}
		synchronized (this) {
			Instant now = this.clock.instant();
			if (this.cached == null || !now.isBefore(this.cachedUntil)) {
				this.cached = check();
				this.cachedUntil = this.clock.instant().plus(this.cacheTimeToLive);
			}
			return this.cached;
		}
	}

	private Health check() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("mode", this.remote ? "remote" : "local");
		if (this.remote) {
			details.put("namespaceId", this.namespace.id());
		}
		try {
			this.namespace.list(ListOptions.defaults().withLimit(this.remote ? REMOTE_LIST_LIMIT : LOCAL_LIST_LIMIT));
			return Health.up().withDetails(details).build();
		}
		catch (RuntimeException ex) {
			String error = ex.getClass().getName() + ": " + this.redaction.apply(String.valueOf(ex.getMessage()));
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
			}
			return Health.down().withDetails(details).build();
		}
	}

}
