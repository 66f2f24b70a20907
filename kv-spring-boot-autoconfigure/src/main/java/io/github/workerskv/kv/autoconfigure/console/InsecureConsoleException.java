package io.github.workerskv.kv.autoconfigure.console;

import java.io.Serial;

/**
 * The KV console was enabled in remote mode, where it reads and writes real namespaces, without Spring Security
 * to restrict it and without {@code cloudflare.kv.console.allow-insecure}.
 */
public class InsecureConsoleException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String where;

	/** @param where the backend the console would have opened, for example {@code Cloudflare (account …)} */
	public InsecureConsoleException(String where) {
		super("The KV console is enabled in remote mode (" + where + ") without Spring Security: set "
				+ KVConsoleProperties.PREFIX + ".allow-insecure=true to serve it anyway");
		this.where = where;
	}

	/** @return the backend the console would have opened */
	public String where() {
		return this.where;
	}

}
