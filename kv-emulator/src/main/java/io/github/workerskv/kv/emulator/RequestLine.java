package io.github.workerskv.kv.emulator;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The method and raw path of a request, as {@link Faults} scripts see them to decide whether a
 * scripted fault applies.
 *
 * @param method the HTTP method, upper case
 * @param path the raw (still percent-encoded) path, {@code /client/v4/...}
 */
public record RequestLine(String method, String path) {

	public RequestLine {
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(path, "path must not be null");
	}

	/**
	 * A predicate on method and path, for example {@code matching("PUT", "/bulk$")}.
	 * @param method the method (case-insensitive), or {@code null} for any
	 * @param pathRegex a regular expression found anywhere in the raw path
	 * @return the predicate
	 */
	public static Predicate<RequestLine> matching(@Nullable String method, String pathRegex) {
		Pattern pattern = Pattern.compile(pathRegex);
		String upper = (method != null) ? method.toUpperCase(Locale.ROOT) : null;
		return (line) -> (upper == null || upper.equals(line.method())) && pattern.matcher(line.path()).find();
	}

	/** @return a predicate that every request matches */
	public static Predicate<RequestLine> any() {
		return (line) -> true;
	}

}
