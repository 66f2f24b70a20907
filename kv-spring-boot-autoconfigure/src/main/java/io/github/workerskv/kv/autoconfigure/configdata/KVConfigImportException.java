package io.github.workerskv.kv.autoconfigure.configdata;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataException;

/**
 * A {@code cloudflare-kv:} location of {@code spring.config.import} could not be imported: it is not written
 * as the syntax requires, KV could not be read for a required location, or a document's text is not valid in
 * its format. A key that does not exist fails with Spring Boot's own
 * {@link org.springframework.boot.context.config.ConfigDataResourceNotFoundException} instead, which
 * {@code optional:} turns into nothing imported.
 *
 * <p>The message names the location and the key, never a credential.
 */
public class KVConfigImportException extends ConfigDataException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Problem problem;

	private final String location;

	private final @Nullable String key;

	KVConfigImportException(Problem problem, String location, @Nullable String key, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.problem = problem;
		this.location = location;
		this.key = key;
	}

	static KVConfigImportException invalidLocation(String location, String reason) {
		return new KVConfigImportException(Problem.INVALID_LOCATION, location, null,
				"Invalid KV configuration location '" + location + "': " + reason, null);
	}

	static KVConfigImportException unavailable(KVConfigDataResource resource, String where, Throwable cause) {
		return new KVConfigImportException(Problem.UNAVAILABLE, resource.location(), resource.key(),
				"Could not read " + resource + " (" + where + ") for the location '" + resource.location() + "': "
						+ cause.getMessage(),
				cause);
	}

	static KVConfigImportException malformed(KVConfigDataResource resource, Throwable cause) {
		return new KVConfigImportException(Problem.MALFORMED_DOCUMENT, resource.location(), resource.key(),
				"The " + resource + " imported by '" + resource.location() + "' is not valid "
						+ resource.format() + ": " + cause.getMessage(),
				cause);
	}

	/** @return what went wrong */
	public Problem problem() {
		return this.problem;
	}

	/** @return the location, as written in {@code spring.config.import} (without {@code optional:}) */
	public String location() {
		return this.location;
	}

	/** @return the key or prefix that was read, or {@code null} when the location could not be parsed */
	public @Nullable String key() {
		return this.key;
	}

	/** What went wrong. */
	public enum Problem {

		/** The location is not {@code cloudflare-kv:BINDING/prefix/} or {@code cloudflare-kv:BINDING/key.ext}. */
		INVALID_LOCATION,

		/** KV could not be read (unreachable, refused, timed out) and the location is not optional. */
		UNAVAILABLE,

		/** A document's text is not valid YAML, JSON or {@code .properties}. */
		MALFORMED_DOCUMENT

	}

}
