package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;

import io.github.workerskv.kv.KVException;

/** Sends requests with a {@link HttpClient} and turns the absence of a response into typed exceptions. */
final class HttpClientTransport implements Transport {

	private final HttpClient httpClient;

	HttpClientTransport(HttpClient httpClient) {
		this.httpClient = httpClient;
	}

	@Override
	public HttpResponse<InputStream> send(HttpRequest request) {
		String target = request.method() + " " + request.uri().getRawPath();
		try {
			return this.httpClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (HttpConnectTimeoutException ex) {
			throw rethrowBodyFailure(ex, new CloudflareTimeoutException(target + " failed: no connection to "
					+ request.uri().getHost() + ":" + port(request) + " within the connect timeout. "
					+ "Check the network or raise connectTimeout.", 0, List.of(), null, ex));
		}
		catch (HttpTimeoutException ex) {
			throw rethrowBodyFailure(ex, new CloudflareTimeoutException(target
					+ " failed: no response within the request timeout. Raise requestTimeout if the server is slow.",
					0, List.of(), null, ex));
		}
		catch (ConnectException ex) {
			throw rethrowBodyFailure(ex, new CloudflareIOException(target + " failed: could not connect to "
					+ request.uri().getHost() + ":" + port(request) + " (" + ex.getClass().getSimpleName()
					+ messageOf(ex) + "). Check the base URL and that the server is up.", 0, List.of(), null, ex));
		}
		catch (IOException ex) {
			throw rethrowBodyFailure(ex, new CloudflareIOException(target + " failed: the connection broke ("
					+ ex.getClass().getSimpleName() + messageOf(ex) + ").", 0, List.of(), null, ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CloudflareIOException(target + " was interrupted.", 0, List.of(), null, ex);
		}
	}

	private static RuntimeException rethrowBodyFailure(Throwable failure, CloudflareIOException otherwise) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof KVException kvException) {
				return kvException;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return otherwise;
	}

	private static int port(HttpRequest request) {
		int port = request.uri().getPort();
		return (port != -1) ? port : ("https".equalsIgnoreCase(request.uri().getScheme()) ? 443 : 80);
	}

	private static String messageOf(Throwable ex) {
		return (ex.getMessage() != null) ? ": " + ex.getMessage() : "";
	}

}
