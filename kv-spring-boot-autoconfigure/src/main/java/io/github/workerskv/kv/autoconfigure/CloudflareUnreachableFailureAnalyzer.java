package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.cloudflare.CloudflareIOException;
import io.github.workerskv.kv.cloudflare.CloudflareMalformedResponseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A call to Cloudflare's API made while the application starts (by a bean of the application, say) found no
 * API to talk to: no connection (refused, unknown host, timed out, dropped) or an answer that is not the
 * API's. Names {@code cloudflare.kv.base-url}, which the REST client's message cannot (it knows no Spring).
 */
class CloudflareUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<CloudflareIOException> {

	private static final String P = KVProperties.PREFIX;

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CloudflareIOException cause) {
		boolean notTheApi = cause instanceof CloudflareMalformedResponseException;
		String description = (notTheApi ? "Workers KV's base URL does not answer as Cloudflare's API: "
				: "Workers KV's REST API could not be reached: ") + cause.getMessage();
		String action = notTheApi
				? "Point `" + P + ".base-url` at Cloudflare's API, https://api.cloudflare.com/client/v4, or at a KV "
						+ "emulator's /client/v4 (or fix the KVConnectionDetails bean that sets it)."
				: "Check `" + P + ".base-url` (or the KVConnectionDetails bean that sets it) and that the host "
						+ "resolves and accepts connections from here, or raise `" + P + ".http.connect-timeout` on a "
						+ "slow network. Set `" + P + ".verify-on-startup=true` to check every binding before the "
						+ "application starts.";
		return new FailureAnalysis(description, action, cause);
	}

}
