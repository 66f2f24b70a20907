package io.github.workerskv.kv.console.browser;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * An application with the starter, Spring MVC and Spring Security's default setup (every page behind a sign-in
 * form, CSRF protection): {@code admin} has the console's role, {@code viewer} does not.
 */
@SpringBootApplication
class ConsoleTestApplication {

	static final String ADMIN = "admin";

	static final String VIEWER = "viewer";

	static final String PASSWORD = "console-test-password";

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("KV_CONSOLE", "USER").build(),
				User.withUsername(VIEWER).password("{noop}" + PASSWORD).roles("USER").build());
	}

}
