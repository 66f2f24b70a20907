package io.github.workerskv.kv.autoconfigure.console;

import org.jspecify.annotations.Nullable;

/**
 * Who may use the console: with Spring Security, a signed-in user with the role; without it, anyone who can
 * reach the application (local mode, or remote mode with {@code allow-insecure}).
 *
 * @param role the role required, or {@code null} when the console is open
 */
record ConsoleAccess(@Nullable String role) {

	static final String SPRING_SECURITY = "org.springframework.security.web.SecurityFilterChain";

	boolean isOpen() {
		return this.role == null;
	}

}
