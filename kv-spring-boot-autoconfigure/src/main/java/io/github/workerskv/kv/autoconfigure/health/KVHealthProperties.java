package io.github.workerskv.kv.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Workers KV health check, under {@code cloudflare.kv.health}. Switch the
 * check itself on or off with {@code management.health.kv.enabled}.
 */
@ConfigurationProperties("cloudflare.kv.health")
public class KVHealthProperties {

	/**
	 * How long the result of a remote namespace's check is reused before Cloudflare is asked again. Each check
	 * is one API request, counted against Cloudflare's rate limit. Zero checks on every health request.
	 * Namespaces of the embedded store are checked on every request.
	 */
	private Duration cacheTimeToLive = Duration.ofSeconds(10);

	/**
	 * Longest a health request waits for the KV checks, all bindings together: they run at the same time,
	 * each one request sent once (never the client's retries), and a binding that has not answered by then
	 * is DOWN.
	 */
	private Duration timeout = Duration.ofSeconds(3);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

}
