package io.github.workerskv.kv.testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.cloudflare.NamespaceInfo;

/**
 * What the container and the Docker Compose service ask a running emulator over its REST API: whether it
 * answers yet, and a namespace per binding.
 */
final class EmulatorApi {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	private EmulatorApi() {
	}

	/**
	 * Polls {@code GET /user/tokens/verify} without a token, which the emulator answers with its envelope (401
	 * when a token is required) and no request budget counts, every 100 ms until it answers.
	 * @param baseUrl the emulator's base URL, {@code /client/v4} included
	 * @param timeout how long to wait
	 * @param running whether the emulator's process still runs; polling stops at once when it does not
	 * @throws IllegalStateException if the emulator did not answer in time, or stopped, with what was seen last
	 */
	static void awaitAnswer(String baseUrl, Duration timeout, BooleanSupplier running) {
		URI probe = URI.create(baseUrl + "/user/tokens/verify");
		HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
		HttpRequest request = HttpRequest.newBuilder(probe).timeout(REQUEST_TIMEOUT).GET().build();
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() - deadline < 0) {
			if (!running.getAsBoolean()) {
				throw new IllegalStateException("The KV emulator stopped before its API answered at " + probe);
			}
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if ((response.statusCode() == 200 || response.statusCode() == 401)
						&& response.body().contains("\"success\"")) {
					return;
				}
				last = "answered " + response.statusCode();
			}
			catch (IOException ex) {
				last = ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the KV emulator at " + probe, ex);
			}
			sleep(probe);
		}
		throw new IllegalStateException("The KV emulator's API did not answer at " + probe + " within "
				+ timeout.toSeconds() + " s (" + last + ")");
	}

	/**
	 * Finds or creates one namespace per binding, titled after the binding. The emulator, like Cloudflare,
	 * chooses namespace ids, and a title is unique in an account, so a namespace kept in a persistence volume
	 * or created by an earlier call is found again instead of created twice. One request to list the
	 * namespaces, and one per namespace created.
	 * @param baseUrl the emulator's base URL, {@code /client/v4} included
	 * @param accountId the account the namespaces belong to
	 * @param token the emulator's API token
	 * @param bindings the binding names, used as titles
	 * @return the namespace ids by binding name, in the bindings' order
	 */
	static Map<String, String> findOrCreateNamespaces(String baseUrl, String accountId, String token,
			Collection<String> bindings) {
		Map<String, String> ids = new LinkedHashMap<>();
		if (bindings.isEmpty()) {
			return ids;
		}
		try (CloudflareKVClient client = CloudflareKVClient
			.create(CloudflareKVConfig.of(accountId, Credentials.apiToken(token)).withBaseUrl(baseUrl))) {
			Map<String, String> existing = new LinkedHashMap<>();
			for (NamespaceInfo namespace : client.listNamespaces()) {
				existing.put(namespace.title(), namespace.id());
			}
			for (String binding : bindings) {
				String id = existing.get(binding);
				ids.put(binding, (id != null) ? id : client.createNamespace(binding).id());
			}
		}
		return ids;
	}

	private static void sleep(URI probe) {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the KV emulator at " + probe, ex);
		}
	}

}
