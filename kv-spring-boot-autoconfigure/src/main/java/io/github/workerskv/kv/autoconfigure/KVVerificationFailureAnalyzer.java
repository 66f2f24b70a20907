package io.github.workerskv.kv.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.workerskv.kv.autoconfigure.KVVerificationException.Failure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Bindings that failed the start-up verification: each binding with what went wrong, and the property to
 * fix for each kind of failure (the base URL, the credentials, a binding's namespace id).
 */
class KVVerificationFailureAnalyzer extends AbstractFailureAnalyzer<KVVerificationException> {

	private static final String P = KVProperties.PREFIX;

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KVVerificationException cause) {
		StringBuilder description = new StringBuilder("Workers KV start-up verification (`" + P
				+ ".verify-on-startup`) failed for " + cause.failures().size() + " of " + cause.bindings()
				+ ((cause.bindings() == 1) ? " binding" : " bindings") + ":");
		Set<String> actions = new LinkedHashSet<>();
		for (Failure failure : cause.failures()) {
			description.append(System.lineSeparator()).append("\t- ").append(failure.summary());
			actions.add(action(failure, cause));
		}
		actions.add("Or set `" + P + ".verify-on-startup=false` to start without verifying.");
		return new FailureAnalysis(description.toString(), String.join(System.lineSeparator(), actions), cause);
	}

	private static String action(Failure failure, KVVerificationException cause) {
		String baseUrl = cause.baseUrlSource() + " (" + cause.baseUrl() + ")";
		return switch (failure.problem()) {
			case UNREACHABLE -> "Check " + baseUrl + ": the host must resolve and accept connections from here "
					+ "(a proxy or firewall may be in the way), or raise `" + P + ".http.connect-timeout` on a slow network.";
			case TIMED_OUT -> "Check " + baseUrl + " and the network, or raise `" + P + ".verify-timeout` (now "
					+ cause.timeout().toMillis() + " ms) if the API is slow to answer.";
			case NOT_THE_API -> "Point " + baseUrl + " at Cloudflare's API, https://api.cloudflare.com/client/v4, or "
					+ "at a KV emulator's /client/v4.";
			case CREDENTIALS_REFUSED -> "Check `" + P + ".api-token` (an API token with the Workers KV Storage "
					+ "permissions for the account) and `" + P + ".account-id`, or `" + P + ".api-key` with `" + P
					+ ".email`.";
			case NAMESPACE_NOT_FOUND -> namespaceAction(failure);
			case UNAVAILABLE -> "Cloudflare did not serve the request (rate limited or failing); start again "
					+ "later, or look at https://www.cloudflarestatus.com.";
			case FAILED -> "See the failure of binding '" + failure.binding() + "' above.";
		};
	}

	private static String namespaceAction(Failure failure) {
		String property = failure.idProperty();
		String fix = failure.idOrigin().equals(property) ? "Set `" + property + "`"
				: "Fix the " + failure.idOrigin() + ", or override it with `" + property + "`,";
		return fix + " to the id of an existing namespace of the account, as `wrangler kv namespace list` prints it "
				+ "(not its title); binding '" + failure.binding() + "' uses " + failure.namespaceId() + ".";
	}

}
