package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * Turns a failed answer into the typed exception for its status, with a message that names the request and
 * what to fix, and never a credential: servers' messages pass through the credentials' redaction.
 */
final class Failures {

	private final CloudflareKVConfig config;

	private final HeaderAuthentication authentication;

	Failures(CloudflareKVConfig config, HeaderAuthentication authentication) {
		this.config = config;
		this.authentication = authentication;
	}

	/**
	 * @param target the request's method and path
	 * @param status the response status
	 * @param headers the response headers
	 * @param envelope the response's envelope
	 * @return the exception, not thrown
	 */
	CloudflareKVException failure(String target, int status, ResponseHeaders headers, Envelope envelope) {
		List<CloudflareError> errors = envelope.errors().stream()
			.map((error) -> new CloudflareError(error.code(), this.authentication.redact(error.message())))
			.toList();
		Duration retryAfter = RetryAfter.from(headers, this.config.clock());
		StringBuilder message = new StringBuilder(target).append(" failed with HTTP ").append(status);
		if (!errors.isEmpty()) {
			StringJoiner joined = new StringJoiner("; ", ": ", "");
			errors.forEach((error) -> joined.add(error.toString()));
			message.append(joined);
		}
		else if (!envelope.snippet().isEmpty()) {
			message.append(" (").append(describe(envelope.snippet())).append(')');
		}
		message.append(endsWithPeriod(message) ? " " : ". ");
		if (status == 401 || status == 403 || envelope.hasCode(Envelope.AUTHENTICATION_ERROR)) {
			message.append("Check the API token (or email and global API key) and that it has the Workers KV "
					+ "Storage permission for account ").append(this.config.accountId()).append('.');
			return new CloudflareAuthenticationException(message.toString(), status, errors, retryAfter, null);
		}
		if (status == 404) {
			if (envelope.hasCode(Envelope.NO_ROUTE) || !envelope.json()) {
				message.append("The server has no such endpoint; check the base URL ").append(this.config.baseUrl())
					.append(" (it ends in /client/v4).");
			}
			else {
				message.append("Check the namespace id (the 32-digit id, not the title) and the account id ")
					.append(this.config.accountId()).append('.');
			}
			return new CloudflareNamespaceNotFoundException(message.toString(), status, errors, retryAfter, null);
		}
		if (status == 429) {
			message.append((retryAfter != null) ? "The server asked to retry after " + retryAfter.toMillis() + " ms."
					: "Slow down: Cloudflare allows 1,200 API requests per 5 minutes and 1 write per second per key.");
			return new CloudflareRateLimitException(message.toString(), status, errors, retryAfter, null);
		}
		if (status >= 500 && status <= 599) {
			message.append("Cloudflare failed; the request may be retried.");
			return new CloudflareServerException(message.toString(), status, errors, retryAfter, null);
		}
		if (status >= 400 && status <= 499) {
			message.append("The server rejected the request.");
			return new CloudflareBadRequestException(message.toString(), status, errors, retryAfter, null);
		}
		message.append("The API does not answer with this status; check the base URL ").append(this.config.baseUrl())
			.append('.');
		return new CloudflareKVException(message.toString(), status, errors, retryAfter, null);
	}

	/**
	 * @param target the request's method and path
	 * @param status the response status
	 * @param problem what is wrong with the answer
	 * @return the exception, not thrown
	 */
	CloudflareMalformedResponseException malformed(String target, int status, String problem) {
		return new CloudflareMalformedResponseException(target + " returned HTTP " + status + " but " + problem
				+ ". Check that the base URL " + this.config.baseUrl() + " points at the API.", status, List.of(), null,
				null);
	}

	/**
	 * @param target the request's method and path
	 * @param status the response status
	 * @param snippet the start of the body
	 * @return the exception for a 2xx body that is not the envelope, not thrown
	 */
	CloudflareMalformedResponseException notAnEnvelope(String target, int status, String snippet) {
		return malformed(target, status, "a body that is not Cloudflare's JSON envelope (" + describe(snippet) + ")");
	}

	private String describe(String snippet) {
		String oneLine = this.authentication.redact(snippet).replaceAll("\\s+", " ").strip();
		return "body starts with \"" + oneLine + "\"";
	}

	private static boolean endsWithPeriod(CharSequence text) {
		return text.length() > 0 && text.charAt(text.length() - 1) == '.';
	}

}
