package io.github.workerskv.kv.autoconfigure.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.workerskv.kv.console.ConsoleRequest;
import io.github.workerskv.kv.console.ConsoleResponse;
import io.github.workerskv.kv.console.KVConsole;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the {@link KVConsole} under its path in Spring MVC: checks who may use it ({@link ConsoleAccess}),
 * bounds the body, hands Spring Security's CSRF token to the page, and writes the console's answer out as it is.
 */
final class KVConsoleHandler implements HandlerFunction<ServerResponse> {

	private static final boolean CSRF_PRESENT = ClassUtils.isPresent("org.springframework.security.web.csrf.CsrfToken",
			KVConsoleHandler.class.getClassLoader());

	private final KVConsole console;

	private final String path;

	private final ConsoleAccess access;

	KVConsoleHandler(KVConsole console, String path, ConsoleAccess access) {
		this.console = console;
		this.path = path;
		this.access = access;
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException {
		HttpServletRequest servlet = request.servletRequest();
		String within = request.requestPath().pathWithinApplication().value();
		if (within.equals(this.path)) {
			return ServerResponse.status(302).location(URI.create(servlet.getContextPath() + this.path + "/")).build();
		}
		String relative = within.substring(this.path.length());
		Principal principal = servlet.getUserPrincipal();
		String role = this.access.role();
		if (role != null) {
			ConsoleRequest refused = ConsoleRequest.of(request.method().name(), relative);
			if (principal == null) {
				return write(this.console.refuse(refused, 401, "Sign in as a user with the role " + role
						+ " to use the KV console."));
			}
			if (!servlet.isUserInRole(role)) {
				return write(this.console.refuse(refused, 403, "The KV console needs the role " + role + "; "
						+ principal.getName() + " does not have it."));
			}
		}
		byte[] body = readBody(servlet);
		ConsoleRequest consoleRequest = ConsoleRequest.of(request.method().name(), relative)
			.withQuery(request.params().toSingleValueMap())
			.withHeaders(request.headers().asHttpHeaders().toSingleValueMap())
			.withUser((principal != null) ? principal.getName() : null)
			.withWriteHeaders(CSRF_PRESENT ? SpringSecurityCsrf.headers(servlet) : Map.of());
		if (body == null) {
			return write(this.console.refuse(consoleRequest, 413,
					"A console request may carry at most " + KVConsole.MAX_BODY_BYTES + " bytes."));
		}
		return write(this.console.handle(consoleRequest.withBody(body)));
	}

	/** @return the body, or {@code null} if it is longer than the console accepts */
	private static byte @Nullable [] readBody(HttpServletRequest servlet) throws IOException {
		try (InputStream in = servlet.getInputStream()) {
			byte[] body = in.readNBytes(KVConsole.MAX_BODY_BYTES + 1);
			return (body.length > KVConsole.MAX_BODY_BYTES) ? null : body;
		}
	}

	private static ServerResponse write(ConsoleResponse answer) {
		Map<String, String> headers = new LinkedHashMap<>(answer.headers());
		ServerResponse.BodyBuilder builder = ServerResponse.status(answer.status())
			.headers((http) -> headers.forEach(http::set));
		if (answer.contentType().isEmpty()) {
			return builder.build();
		}
		return builder.contentType(MediaType.parseMediaType(answer.contentType())).body(answer.body());
	}

}
