package io.github.workerskv.kv.autoconfigure;

import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The start-up verification ({@code cloudflare.kv.verify-on-startup}) found bindings that do not answer:
 * each {@link Failure} says which binding, what went wrong and where its namespace id came from. Reported by
 * {@link KVVerificationFailureAnalyzer}. The failures' exceptions are attached as suppressed exceptions, so
 * that the stack trace shows each of them.
 */
final class KVVerificationException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient List<Failure> failures;

	private final int bindings;

	private final String baseUrl;

	private final String baseUrlSource;

	private final Duration timeout;

	/**
	 * @param failures the bindings that failed, in binding order; not empty
	 * @param bindings how many bindings were verified
	 * @param baseUrl the base URL the REST client uses, or empty in local mode
	 * @param baseUrlSource what sets the base URL: {@code cloudflare.kv.base-url} or a connection details bean
	 * @param timeout the verification's bound ({@code cloudflare.kv.verify-timeout})
	 */
	KVVerificationException(List<Failure> failures, int bindings, String baseUrl, String baseUrlSource,
			Duration timeout) {
		super("Workers KV start-up verification (" + KVProperties.PREFIX + ".verify-on-startup) failed for "
				+ failures.size() + " of " + bindings + ((bindings == 1) ? " binding: " : " bindings: ")
				+ failures.stream().map(Failure::summary).collect(Collectors.joining("; ")));
		this.failures = List.copyOf(failures);
		this.bindings = bindings;
		this.baseUrl = baseUrl;
		this.baseUrlSource = baseUrlSource;
		this.timeout = timeout;
		failures.forEach((failure) -> {
			if (failure.cause() != null) {
				addSuppressed(failure.cause());
			}
		});
	}

	List<Failure> failures() {
		return this.failures;
	}

	int bindings() {
		return this.bindings;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	String baseUrlSource() {
		return this.baseUrlSource;
	}

	Duration timeout() {
		return this.timeout;
	}

	/** What kind of failure a binding met, which decides the property to fix. */
	enum Problem {

		/** No connection: refused, unknown host, connect timeout, dropped. Fix the base URL or the network. */
		UNREACHABLE,

		/** No answer within {@code cloudflare.kv.verify-timeout}. */
		TIMED_OUT,

		/** Something answered that is not Cloudflare's API (no such endpoint, not its envelope). */
		NOT_THE_API,

		/** HTTP 401 or 403: the token or key, or the account id. */
		CREDENTIALS_REFUSED,

		/** HTTP 404 for the namespace: its id. */
		NAMESPACE_NOT_FOUND,

		/** HTTP 429 or 5xx: Cloudflare is throttling or failing; nothing to fix in the configuration. */
		UNAVAILABLE,

		/** Anything else, reported with its message. */
		FAILED

	}

	/**
	 * One binding that failed.
	 * @param binding the binding
	 * @param namespaceId the namespace id it uses
	 * @param idOrigin where that id came from: a property, or an entry of a wrangler file
	 * @param idProperty the property that sets (or overrides) the id
	 * @param problem what kind of failure
	 * @param detail what happened, as a sentence fragment (never a credential)
	 * @param cause the failure, or {@code null} for a timeout
	 */
	record Failure(String binding, String namespaceId, String idOrigin, String idProperty, Problem problem,
			String detail, @Nullable Throwable cause) {

		String summary() {
			return this.binding + " (namespace " + this.namespaceId + ", from " + this.idOrigin + "): " + this.detail;
		}

	}

}
