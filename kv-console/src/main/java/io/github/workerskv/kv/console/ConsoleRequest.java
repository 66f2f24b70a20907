package io.github.workerskv.kv.console;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to the console, as the adapter (a Spring MVC handler, a Jetty handler) read it. Immutable:
 * start from {@link #of(String, String)} and add what the request carries with the {@code with…} methods.
 *
 * <p>The adapter reads the body itself and must bound it ({@link KVConsole#MAX_BODY_BYTES}); it decides who
 * may reach the console at all, and names the signed-in user for the log.
 */
public final class ConsoleRequest {

	private final Settings settings;

	private ConsoleRequest(Settings settings) {
		this.settings = settings;
	}

	/**
	 * @param method the HTTP method, for example {@code GET}
	 * @param path the path below the console's own, starting with {@code /} ({@code /}, {@code /assets/console.js},
	 * {@code /api/keys}); an empty path is read as {@code /}
	 * @return a request without query, headers or body
	 */
	public static ConsoleRequest of(String method, String path) {
		Settings settings = new Settings();
		settings.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
		settings.path = Objects.requireNonNull(path, "path").isEmpty() ? "/" : path;
		return new ConsoleRequest(settings);
	}

	/**
	 * @param query the decoded query parameters, the first value of each
	 * @return a copy with these parameters
	 */
	public ConsoleRequest withQuery(Map<String, String> query) {
		Settings copy = this.settings.copy();
		copy.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
		return new ConsoleRequest(copy);
	}

	/**
	 * @param headers the request's headers, the first value of each; names are matched without regard to case
	 * @return a copy with these headers
	 */
	public ConsoleRequest withHeaders(Map<String, String> headers) {
		TreeMap<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		map.putAll(headers);
		Settings copy = this.settings.copy();
		copy.headers = Collections.unmodifiableMap(map);
		return new ConsoleRequest(copy);
	}

	/**
	 * @param body the request body, already bounded by the adapter
	 * @return a copy with this body
	 */
	public ConsoleRequest withBody(byte[] body) {
		Settings copy = this.settings.copy();
		copy.body = body.clone();
		return new ConsoleRequest(copy);
	}

	/**
	 * @param user the signed-in user's name, for the log of writes, or {@code null} when nobody signed in
	 * @return a copy naming this user
	 */
	public ConsoleRequest withUser(@Nullable String user) {
		Settings copy = this.settings.copy();
		copy.user = user;
		return new ConsoleRequest(copy);
	}

	/**
	 * Headers the page must send with every write besides the console's own token, for example Spring
	 * Security's CSRF header; the console hands them to the page with its session.
	 * @param headers header names and values
	 * @return a copy with these headers
	 */
	public ConsoleRequest withWriteHeaders(Map<String, String> headers) {
		Settings copy = this.settings.copy();
		copy.writeHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		return new ConsoleRequest(copy);
	}

	/** @return the HTTP method, upper case */
	public String method() {
		return this.settings.method;
	}

	/** @return the path below the console's, starting with {@code /} */
	public String path() {
		return this.settings.path;
	}

	/**
	 * @param name a query parameter
	 * @return its value, or {@code null}
	 */
	public @Nullable String query(String name) {
		return this.settings.query.get(name);
	}

	/**
	 * @param name a header name, in any case
	 * @return its value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return this.settings.headers.get(name);
	}

	/** @return the body, empty when there is none */
	public byte[] body() {
		return this.settings.body.clone();
	}

	/** @return the signed-in user, or {@code null} */
	public @Nullable String user() {
		return this.settings.user;
	}

	/** @return the headers the page must add to every write */
	public Map<String, String> writeHeaders() {
		return this.settings.writeHeaders;
	}

	@Override
	public String toString() {
		return "ConsoleRequest[" + this.settings.method + " " + this.settings.path + "]";
	}

	private static final class Settings {

		private String method = "GET";

		private String path = "/";

		private Map<String, String> query = Map.of();

		private Map<String, String> headers = Map.of();

		private byte[] body = new byte[0];

		private @Nullable String user;

		private Map<String, String> writeHeaders = Map.of();

		Settings copy() {
			Settings copy = new Settings();
			copy.method = this.method;
			copy.path = this.path;
			copy.query = this.query;
			copy.headers = this.headers;
			copy.body = this.body;
			copy.user = this.user;
			copy.writeHeaders = this.writeHeaders;
			return copy;
		}

	}

}
