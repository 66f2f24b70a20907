package io.github.workerskv.kv.console;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * The KV console, free of any web framework: its pages (plain HTML, CSS and JavaScript modules committed in
 * this jar, no CDN, no build step) and its JSON API over the namespaces of a {@link ConsoleBackend}.
 * An adapter hands every request below the console's path to {@link #handle} and writes out the answer.
 *
 * <pre>{@code
 * KVConsole console = KVConsole.create(ConsoleBackend.of(ConsoleBackendKind.EMBEDDED, "embedded store in memory",
 *         List.of(new ConsoleNamespace("FLAGS", store.namespace("FLAGS"), false))));
 * ConsoleResponse page = console.handle(ConsoleRequest.of("GET", "/"));
 * }</pre>
 *
 * <p>More sections (the feature flags' pages, say) plug in as {@link ConsoleExtension}s, each with its own API
 * routes and page module.
 *
 * <p>What it guarantees: every write goes through {@link io.github.workerskv.kv.KVNamespace}, so it meets the
 * same validation and messages as the Java API; every write must carry the console's random token, which only
 * a page of the console's own origin can read (protection against cross-site requests), and is logged with the
 * user, namespace and key; a write to a production namespace must be confirmed. What it leaves to the
 * adapter: who may reach it at all (sign-in, roles), bounding request bodies to {@link #MAX_BODY_BYTES}, and
 * redirecting the console's path without a trailing slash to the path with one (the pages use relative URLs).
 * It never sees credentials of the store. Safe for use by many threads.
 */
public final class KVConsole {

	/** The largest request body an adapter must accept: a value of KV's largest size, base64 in JSON. */
	public static final int MAX_BODY_BYTES = 36 * 1024 * 1024;

	private final ConsoleBackend backend;

	private final ConsoleAssets assets;

	private final ConsoleApi api;

	private final List<ConsoleExtension> extensions;

	private KVConsole(ConsoleBackend backend, List<ConsoleExtension> extensions) {
		this.backend = backend;
		this.extensions = extensions;
		this.assets = new ConsoleAssets(extensions);
		this.api = new ConsoleApi(backend, newToken(), JsonMapper.builder().build(), extensions);
	}

	/**
	 * @param backend what the console browses
	 * @return a console with a new random write token
	 */
	public static KVConsole create(ConsoleBackend backend) {
		return create(backend, List.of());
	}

	/**
	 * @param backend what the console browses
	 * @param extensions more sections, in the order the header links to them
	 * @return a console with a new random write token
	 * @throws IllegalArgumentException if an extension's name is malformed, reserved or taken twice
	 */
	public static KVConsole create(ConsoleBackend backend, List<? extends ConsoleExtension> extensions) {
		Objects.requireNonNull(backend, "backend");
		List<ConsoleExtension> list = List.copyOf(extensions);
		Set<String> names = new HashSet<>();
		for (ConsoleExtension extension : list) {
			String name = extension.name();
			if (!ConsoleExtension.NAME.matcher(name).matches() || ConsoleExtension.RESERVED_NAMES.contains(name)) {
				throw new IllegalArgumentException("A console extension's name must match " + ConsoleExtension.NAME
						+ " and be none of " + ConsoleExtension.RESERVED_NAMES + ", not '" + name + "' (" + extension
						+ ")");
			}
			if (!names.add(name)) {
				throw new IllegalArgumentException("Two console extensions are named '" + name + "'");
			}
		}
		return new KVConsole(backend, list);
	}

	/**
	 * Answers one request: a page or an asset for GET and HEAD outside {@code /api/}, the API below it.
	 * @param request the request, its path relative to the console's
	 * @return the answer; never throws for a bad request (it becomes a 4xx answer with a message)
	 */
	public ConsoleResponse handle(ConsoleRequest request) {
		if (request.path().startsWith("/api/")) {
			return this.api.handle(request);
		}
		if (request.method().equals("GET") || request.method().equals("HEAD")) {
			ConsoleResponse asset = this.assets.find(request);
			if (asset != null) {
				return asset;
			}
		}
		return page(404, "Not found", "The KV console has no page at " + request.path() + ".");
	}

	/**
	 * The answer an adapter gives when it refuses a request (no sign-in, a missing role): JSON for the API,
	 * a short page otherwise.
	 * @param request the refused request
	 * @param status 401 or 403, typically
	 * @param message what the person must do, for example {@code Sign in as a user with the role KV_CONSOLE.}
	 * @return the answer
	 */
	public ConsoleResponse refuse(ConsoleRequest request, int status, String message) {
		if (request.path().startsWith("/api/")) {
			return this.api.error(status, message, null);
		}
		return page(status, (status == 401) ? "Sign in to use the KV console" : "Not allowed", message);
	}

	/** @return what this console browses */
	public ConsoleBackend backend() {
		return this.backend;
	}

	/** @return the extra sections, in the order the header links to them */
	public List<ConsoleExtension> extensions() {
		return this.extensions;
	}

	private static ConsoleResponse page(int status, String title, String message) {
		Map<String, String> headers = new LinkedHashMap<>(SecurityHeaders.PAGE);
		headers.put("Cache-Control", "no-store");
		return new ConsoleResponse(status, "text/html;charset=utf-8", headers,
				ConsoleAssets.utf8(ConsoleAssets.html(title, message)));
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "KVConsole[" + this.backend + "]";
	}

}
