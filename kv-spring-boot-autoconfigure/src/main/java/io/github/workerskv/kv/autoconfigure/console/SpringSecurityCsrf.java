package io.github.workerskv.kv.autoconfigure.console;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.csrf.CsrfToken;

/**
 * Spring Security's CSRF token of the request, which the console's page must send with every write. Loaded only
 * when Spring Security is on the class path.
 */
final class SpringSecurityCsrf {

	private SpringSecurityCsrf() {
	}

	static Map<String, String> headers(HttpServletRequest request) {
		Object token = request.getAttribute(CsrfToken.class.getName());
		if (token instanceof CsrfToken csrf) {
			return Map.of(csrf.getHeaderName(), csrf.getToken());
		}
		return Map.of();
	}

}
