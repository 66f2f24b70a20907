package io.github.workerskv.kv.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.autoconfigure.KVVerificationException.Failure;
import io.github.workerskv.kv.autoconfigure.KVVerificationException.Problem;
import io.github.workerskv.kv.cloudflare.CloudflareAuthenticationException;
import io.github.workerskv.kv.cloudflare.CloudflareError;
import io.github.workerskv.kv.cloudflare.CloudflareIOException;
import io.github.workerskv.kv.cloudflare.CloudflareKVException;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareMalformedResponseException;
import io.github.workerskv.kv.cloudflare.CloudflareNamespaceNotFoundException;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.cloudflare.CloudflareServerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * {@code cloudflare.kv.verify-on-startup}: once every singleton exists (before the web server takes
 * requests), lists one page of every binding's namespace, all bindings at once and each with one request
 * sent once (never the retry policy), and fails start-up with a {@link KVVerificationException} when any
 * binding does not answer within {@code cloudflare.kv.verify-timeout}, all bindings together.
 */
final class KVStartupVerification implements SmartInitializingSingleton {

	/** The REST API's smallest page. */
	private static final int REMOTE_LIST_LIMIT = 10;

	/** Cloudflare's "namespace not found". */
	private static final int NAMESPACE_NOT_FOUND = 10013;

	private static final Log logger = LogFactory.getLog(KVStartupVerification.class);

	private final KVNamespaces namespaces;

	private final KVBindings bindings;

	private final Duration timeout;

	private final String baseUrl;

	private final String baseUrlSource;

	/**
	 * @param namespaces the namespaces to verify
	 * @param bindings where each binding's namespace id came from
	 * @param timeout the bound of the whole verification
	 * @param baseUrl the REST client's base URL, or empty in local mode
	 * @param baseUrlSource what sets the base URL, for messages
	 */
	KVStartupVerification(KVNamespaces namespaces, KVBindings bindings, Duration timeout, String baseUrl,
			String baseUrlSource) {
		this.namespaces = namespaces;
		this.bindings = bindings;
		this.timeout = timeout;
		this.baseUrl = baseUrl;
		this.baseUrlSource = baseUrlSource;
	}

	@Override
	public void afterSingletonsInstantiated() {
		verify();
	}

	/**
	 * Verifies every binding.
	 * @throws KVVerificationException if any binding failed or did not answer in time
	 */
	void verify() {
		long start = System.nanoTime();
		if (logger.isDebugEnabled()) {
			logger.debug("KV start-up verification of " + this.namespaces.names() + ", at most " + this.timeout.toMillis()
					+ " ms");
		}
		Map<String, Check> checks = new LinkedHashMap<>();
		for (String binding : this.namespaces.names()) {
			KVNamespace namespace = this.namespaces.get(binding);
			CloudflareKVNamespace rest = namespace.unwrap(CloudflareKVNamespace.class).orElse(null);
			KVNamespace probe = (rest != null) ? rest.withoutRetries() : namespace;
			CompletableFuture<?> answer;
			try {
				answer = probe.listAsync(ListOptions.defaults().withLimit((rest != null) ? REMOTE_LIST_LIMIT : 1));
			}
			catch (RuntimeException ex) {
				answer = CompletableFuture.failedFuture(ex);
			}
			checks.put(binding, new Check(rest != null, answer));
		}
		long deadline = start + this.timeout.toNanos();
		List<Failure> failures = new ArrayList<>();
		checks.forEach((binding, check) -> {
			Failure failure = await(binding, check, deadline);
			if (failure != null) {
				failures.add(failure);
			}
		});
		if (!failures.isEmpty()) {
			checks.values().forEach((check) -> check.answer().cancel(false));
			logger.debug("KV start-up verification failed after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
					+ " ms");
			throw new KVVerificationException(failures, checks.size(), this.baseUrl, this.baseUrlSource, this.timeout);
		}
		logger.info("KV start-up verification: " + checks.size() + ((checks.size() == 1) ? " binding" : " bindings")
				+ " answered in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms ("
				+ String.join(", ", checks.keySet()) + ")");
	}

	private @Nullable Failure await(String binding, Check check, long deadline) {
		String id = this.namespaces.get(binding).id();
		String origin = this.bindings.names().contains(binding) ? this.bindings.idOrigin(binding, check.remote())
				: "the application's KVNamespaces bean";
		String property = this.bindings.idProperty(binding);
		try {
			check.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (TimeoutException ex) {
			return new Failure(binding, id, origin, property, Problem.TIMED_OUT, "no answer within "
					+ this.timeout.toMillis() + " ms (" + KVProperties.PREFIX + ".verify-timeout)", null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Failure(binding, id, origin, property, Problem.FAILED, "interrupted while waiting", ex);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new Failure(binding, id, origin, property, problem(cause), detail(cause), cause);
		}
	}

	static Problem problem(Throwable failure) {
		if (failure instanceof CloudflareMalformedResponseException) {
			return Problem.NOT_THE_API;
		}
		if (failure instanceof CloudflareIOException) {
			return Problem.UNREACHABLE;
		}
		if (failure instanceof CloudflareAuthenticationException) {
			return Problem.CREDENTIALS_REFUSED;
		}
		if (failure instanceof CloudflareNamespaceNotFoundException notFound) {
			boolean namespace = hasCode(notFound, NAMESPACE_NOT_FOUND)
					|| (!notFound.errors().isEmpty() && !hasNoRoute(notFound));
			return namespace ? Problem.NAMESPACE_NOT_FOUND : Problem.NOT_THE_API;
		}
		if (failure instanceof CloudflareRateLimitException || failure instanceof CloudflareServerException) {
			return Problem.UNAVAILABLE;
		}
		return Problem.FAILED;
	}

	private static String detail(Throwable failure) {
		if (failure instanceof CloudflareKVException cloudflare && cloudflare.httpStatus() != 0) {
			String codes = cloudflare.errors().isEmpty() ? ""
					: ", " + cloudflare.errors().stream().map(CloudflareError::toString).collect(Collectors.joining("; "));
			String what = switch (problem(failure)) {
				case NAMESPACE_NOT_FOUND -> "the account has no such namespace";
				case CREDENTIALS_REFUSED -> "Cloudflare refused the credentials";
				case NOT_THE_API -> "the server at the base URL is not Cloudflare's API";
				case UNAVAILABLE -> "Cloudflare is throttling or failing";
				default -> "the request failed";
			};
			return what + " (HTTP " + cloudflare.httpStatus() + codes + ")";
		}
		return String.valueOf(failure.getMessage());
	}

	/**
	 * One binding's check.
	 * @param remote whether the namespace is reached over the REST API
	 * @param answer completes when the namespace answered
	 */
	private record Check(boolean remote, CompletableFuture<?> answer) {
	}

	private static boolean hasCode(CloudflareKVException failure, int code) {
		return failure.errors().stream().anyMatch((error) -> error.code() == code);
	}

	/** Cloudflare's "no route for that URI". */
	private static boolean hasNoRoute(CloudflareKVException failure) {
		return hasCode(failure, 7003) || hasCode(failure, 7000);
	}

}
