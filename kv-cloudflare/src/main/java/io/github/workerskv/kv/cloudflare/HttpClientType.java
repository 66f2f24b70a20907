package io.github.workerskv.kv.cloudflare;

/**
 * Which HTTP client a {@link CloudflareKVClient} sends its requests with ({@link CloudflareKVConfig#httpClient()}).
 * Both send the same requests, and every guarantee of the client (typed failures, bounded waits, no retried
 * write that could land after a later one, streamed values) holds with either: the module's whole test suite
 * runs once with each.
 */
public enum HttpClientType {

	/**
	 * {@link #JETTY} when Jetty's HTTP client 12.1 or later ({@code org.eclipse.jetty:jetty-client}) is on the class path,
	 * else {@link #JDK}.
	 */
	AUTO,

	/**
	 * The JDK's {@link java.net.http.HttpClient}: HTTP/2 over TLS where the server offers it, HTTP/1.1 otherwise.
	 * Needs nothing beyond the JDK. On Java 17 its connection pool can, rarely, close a connection it has just
	 * handed out (see {@link CloudflareAmbiguousWriteException}); later releases fixed this.
	 */
	JDK,

	/**
	 * Jetty's {@code HttpClient} 12.1 or later, over HTTP/1.1; needs {@code org.eclipse.jetty:jetty-client} on the class
	 * path, which this library declares optional. Over it the client served 1.6–2.2 times as many requests per
	 * second as over the JDK's, at about half the CPU per request, in this project's benchmarks
	 * ({@code docs/benchmarks.md}).
	 */
	JETTY;

	/** A class of Jetty's client from version 12 on (version 11 kept it in another package). */
	private static final String JETTY_CLIENT_CLASS = "org.eclipse.jetty.client.Result";

	/** Jetty's content source, which has {@code asByteArrayAsync(Source, int)} from version 12.1 on. */
	private static final String JETTY_CONTENT_SOURCE = "org.eclipse.jetty.io.Content$Source";

	/**
	 * @return whether a client can send requests with this choice here: {@link #AUTO} and {@link #JDK} always,
	 * {@link #JETTY} when Jetty's HTTP client 12.1 or later can be loaded by this library's class loader
	 */
	public boolean available() {
		return this != JETTY || jettyPresent();
	}

	/** @return the client this choice stands for here: {@link #AUTO} resolved, the others as they are */
	public HttpClientType resolved() {
		if (this != AUTO) {
			return this;
		}
		return jettyPresent() ? JETTY : JDK;
	}

	private static boolean jettyPresent() {
		ClassLoader classLoader = HttpClientType.class.getClassLoader();
		try {
			Class.forName(JETTY_CLIENT_CLASS, false, classLoader);
			Class<?> source = Class.forName(JETTY_CONTENT_SOURCE, false, classLoader);
			source.getMethod("asByteArrayAsync", source, int.class);
			return true;
		}
		catch (ClassNotFoundException | NoSuchMethodException | LinkageError ex) {
			return false;
		}
	}

}
