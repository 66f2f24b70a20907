package io.github.workerskv.kv.cloudflare;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The one place every request of a {@link CloudflareKVClient} is sent: wrap it to add retries,
 * pacing or metrics to all calls at once.
 *
 * <p>The response is returned whatever its status (a wrapper that retries on 429 closes the body of
 * the response it drops, and reads {@code Retry-After} with {@link RetryAfter}); only the absence of a
 * response is an exception. A request whose body comes from a caller's stream can be sent only once.
 */
@FunctionalInterface
interface Transport {

	/**
	 * Sends one request.
	 * @param request the request, authenticated
	 * @return the response; the caller closes its body
	 * @throws CloudflareIOException if no response arrived ({@link CloudflareTimeoutException} on a timeout)
	 * @throws io.github.workerskv.kv.KVException if the request body failed with one (for example a
	 * streamed value longer than 25 MiB)
	 */
	HttpResponse<InputStream> send(HttpRequest request);

}
