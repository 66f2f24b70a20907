package io.github.workerskv.kv.cloudflare;

/**
 * Sends an {@link ApiRequest} and returns its successful answer. The client stacks its layers on this one
 * seam: retries ({@link RetryingTransport}) around the request budget ({@link BudgetedTransport}) around
 * HTTP ({@link HttpTransport}), so every request of every call passes each layer once.
 */
@FunctionalInterface
interface Transport {

	/**
	 * Sends one request (a layer may send it more than once).
	 * @param request the request
	 * @return a 2xx answer, or "key not found" where the request allows it
	 * @throws CloudflareKVException for any other answer, or none ({@link CloudflareIOException})
	 * @throws io.github.workerskv.kv.KVException if the request body failed with one (for example a streamed
	 * value longer than 25 MiB)
	 */
	ApiResponse send(ApiRequest request);

}
