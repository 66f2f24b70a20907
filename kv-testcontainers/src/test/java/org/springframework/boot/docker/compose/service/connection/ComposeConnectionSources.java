package org.springframework.boot.docker.compose.service.connection;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.env.Environment;

/** Test support in Spring Boot's package: the source Boot hands connection details factories for a service. */
public final class ComposeConnectionSources {

	private ComposeConnectionSources() {
	}

	/**
	 * @param service the running service
	 * @param environment the application's environment
	 * @return the source, as Boot's {@code DockerComposeServiceConnectionsApplicationListener} makes it
	 */
	public static DockerComposeConnectionSource of(RunningService service, Environment environment) {
		return new DockerComposeConnectionSource(service, environment);
	}

}
