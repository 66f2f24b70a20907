package io.github.workerskv.kv.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The console's static files, committed under {@code META-INF/kv-console/} of this jar: {@code index.html} for
 * {@code /}, and {@code /assets/<name>.(js|css|svg)}; {@code /assets/<extension>.js} is an extension's page module,
 * from its {@link ConsoleExtension#script()}. Names outside that pattern are never looked up, so no path can
 * reach another resource. Files are read once and answered with an ETag; a matching {@code If-None-Match} gets
 * 304.
 */
final class ConsoleAssets {

	private static final String ROOT = "META-INF/kv-console/";

	private static final Pattern ASSET = Pattern.compile("/assets/[a-z0-9][a-z0-9-]*\\.(js|css|svg)");

	private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "js",
			"text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "svg", "image/svg+xml");

	private final Map<String, Asset> cache = new ConcurrentHashMap<>();

	private final Map<String, ConsoleExtension> scripts = new LinkedHashMap<>();

	ConsoleAssets(List<ConsoleExtension> extensions) {
		for (ConsoleExtension extension : extensions) {
			this.scripts.put("assets/" + extension.name() + ".js", extension);
		}
	}

	/**
	 * @param request a GET or HEAD request
	 * @return the file, a 304, or {@code null} if there is no such file
	 */
	@Nullable ConsoleResponse find(ConsoleRequest request) {
		String path = request.path();
		String resource;
		if (path.equals("/") || path.equals("/index.html")) {
			resource = "index.html";
		}
		else if (ASSET.matcher(path).matches()) {
			resource = path.substring(1);
		}
		else {
			return null;
		}
		Asset asset = this.cache.computeIfAbsent(resource, this::load);
		if (asset.body().length == 0 && asset.etag().isEmpty()) {
			return null;
		}
		Map<String, String> headers = new LinkedHashMap<>(SecurityHeaders.PAGE);
		headers.put("ETag", asset.etag());
		headers.put("Cache-Control", "no-cache");
		if (asset.etag().equals(request.header("If-None-Match"))) {
			return new ConsoleResponse(304, "", headers, new byte[0]);
		}
		return new ConsoleResponse(200, asset.contentType(), headers,
				request.method().equals("HEAD") ? new byte[0] : asset.body());
	}

	/** The console's page, for the adapters' own answers (a refusal page reuses its stylesheet). */
	static String html(String title, String message) {
		return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
				+ "</title><link rel=\"stylesheet\" href=\"assets/console.css\"></head><body><main class=\"refusal\"><h1>"
				+ escape(title) + "</h1><p role=\"alert\">" + escape(message) + "</p></main></body></html>";
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	private Asset load(String resource) {
		ConsoleExtension extension = this.scripts.get(resource);
		if (extension != null) {
			return load(resource, extension.script());
		}
		ClassLoader loader = ConsoleAssets.class.getClassLoader();
		URL url = (loader != null) ? loader.getResource(ROOT + resource) : ClassLoader.getSystemResource(ROOT + resource);
		return load(resource, url);
	}

	private static Asset load(String resource, @Nullable URL url) {
		try (InputStream in = (url != null) ? url.openStream() : null) {
			if (in == null) {
				return new Asset("", "", new byte[0]);
			}
			byte[] body = in.readAllBytes();
			String type = TYPES.get(resource.substring(resource.lastIndexOf('.') + 1));
			return new Asset((type != null) ? type : "application/octet-stream", etag(body), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the console's " + resource, ex);
		}
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Asset(String contentType, String etag, byte[] body) {
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
