package io.github.workerskv.kv.autoconfigure.wrangler;

import java.io.Serial;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A wrangler configuration file could not be used: it is missing, not a file, of an unknown kind, not
 * valid JSON, JSONC or TOML, its {@code kv_namespaces} are malformed, or it has no environment of the name
 * asked for.
 *
 * <p>The message names the file, what is wrong with it, and the property that points at it,
 * {@value #PROPERTY}. {@link #path()} and {@link #reason()} give the two parts separately, for a
 * failure analyzer that wants to phrase its own description.
 */
public class WranglerConfigException extends RuntimeException {

	/** The property that names the wrangler configuration file. */
	public static final String PROPERTY = "cloudflare.kv.wrangler-config";

	/** The property that picks an environment of the file, as {@code wrangler --env} does. */
	public static final String ENVIRONMENT_PROPERTY = "cloudflare.kv.wrangler-environment";

	@Serial
	private static final long serialVersionUID = 1L;

	private final String path;

	private final String reason;

	private final @Nullable String environment;

	/**
	 * Creates an exception.
	 * @param path the file that was read
	 * @param reason what is wrong with it, as a sentence fragment without a trailing period (for
	 * example {@code "kv_namespaces[1] has no binding"})
	 */
	public WranglerConfigException(Path path, String reason) {
		this(path, reason, null);
	}

	/**
	 * Creates an exception with the failure that caused it.
	 * @param path the file that was read
	 * @param reason what is wrong with it
	 * @param cause the parser's or file system's exception, or {@code null}
	 */
	public WranglerConfigException(Path path, String reason, @Nullable Throwable cause) {
		this(path, reason, cause, null);
	}

	/**
	 * An exception about the environment that was asked for.
	 * @param path the file that was read
	 * @param reason what is wrong with the file or the environment
	 * @param environment the environment that was asked for ({@value #ENVIRONMENT_PROPERTY})
	 * @return the exception
	 */
	static WranglerConfigException ofEnvironment(Path path, String reason, String environment) {
		return new WranglerConfigException(path, reason, null, environment);
	}

	private WranglerConfigException(Path path, String reason, @Nullable Throwable cause, @Nullable String environment) {
		super("Cannot read KV namespaces from wrangler config file '" + path + "' (set by " + PROPERTY + "): "
				+ reason, cause);
		this.path = path.toString();
		this.reason = reason;
		this.environment = environment;
	}

	/** @return the file that was read, as given */
	public Path path() {
		return Path.of(this.path);
	}

	/** @return what is wrong with the file */
	public String reason() {
		return this.reason;
	}

	/**
	 * @return the environment whose selection failed ({@value #ENVIRONMENT_PROPERTY}), or {@code null} when
	 * the failure is not about the environment
	 */
	public @Nullable String environment() {
		return this.environment;
	}

}
