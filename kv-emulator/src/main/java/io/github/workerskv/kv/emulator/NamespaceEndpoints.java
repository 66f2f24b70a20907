package io.github.workerskv.kv.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * List, create, get, rename and delete namespaces. The list pages by {@code page}/{@code per_page}
 * and answers {@code result: []} past the last page, because wrangler and the SDK keep asking for
 * the next page until one comes back empty.
 */
final class NamespaceEndpoints {

	private static final int MAX_TITLE_LENGTH = 512;

	private static final long MAX_BODY_BYTES = 64 * 1024;

	private static final int DEFAULT_PER_PAGE = 20;

	private static final int MAX_PER_PAGE = 1000;

	private final NamespaceCatalog catalog;

	private final JsonMapper jsonMapper;

	NamespaceEndpoints(NamespaceCatalog catalog, JsonMapper jsonMapper) {
		this.catalog = catalog;
		this.jsonMapper = jsonMapper;
	}

	Reply list(Exchange exchange) {
		int page = intParameter(exchange, "page", 1, 1, Integer.MAX_VALUE);
		int perPage = intParameter(exchange, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
		String order = choice(exchange, "order", "title", "id", "title");
		String direction = choice(exchange, "direction", "asc", "asc", "desc");
		Comparator<NamespaceCatalog.Entry> comparator = "id".equals(order)
				? Comparator.comparing(NamespaceCatalog.Entry::id)
				: Comparator.comparing(NamespaceCatalog.Entry::title).thenComparing(NamespaceCatalog.Entry::id);
		if ("desc".equals(direction)) {
			comparator = comparator.reversed();
		}
		List<NamespaceCatalog.Entry> all = this.catalog.all().stream().sorted(comparator).toList();
		long from = (long) (page - 1) * perPage;
		List<Wire.Namespace> result = all.stream()
			.skip(Math.min(from, all.size()))
			.limit(perPage)
			.map(NamespaceCatalog.Entry::toWire)
			.toList();
		int totalPages = (all.size() + perPage - 1) / perPage;
		return Reply.ok(result, new Wire.PageInfo(page, perPage, result.size(), all.size(), totalPages));
	}

	Reply create(Exchange exchange) {
		String title = title(exchange);
		return Reply.ok(this.catalog.create(title).toWire());
	}

	Reply get(ApiRoute route) {
		return Reply.ok(require(route.namespace()).toWire());
	}

	Reply rename(ApiRoute route, Exchange exchange) {
		require(route.namespace());
		String title = title(exchange);
		NamespaceCatalog.Entry renamed = this.catalog.rename(route.namespace(), title);
		if (renamed == null) {
			throw ApiException.namespaceNotFound(route.namespace());
		}
		return Reply.ok(renamed.toWire());
	}

	Reply delete(ApiRoute route) {
		if (!this.catalog.delete(route.namespace())) {
			throw ApiException.namespaceNotFound(route.namespace());
		}
		return Reply.ok(Map.of());
	}

	/**
	 * @param namespaceId a namespace id from a request
	 * @return the namespace
	 * @throws ApiException (404, 10013) if it does not exist
	 */
	NamespaceCatalog.Entry require(String namespaceId) {
		NamespaceCatalog.Entry entry = this.catalog.find(namespaceId);
		if (entry == null) {
			throw ApiException.namespaceNotFound(namespaceId);
		}
		return entry;
	}

	private String title(Exchange exchange) {
		JsonNode body = JsonBodies.parse(this.jsonMapper, exchange.readBody(MAX_BODY_BYTES, "The request body"),
				"a JSON object {\"title\": \"...\"}");
		if (!body.isObject()) {
			throw ApiException.badRequest("The request body must be a JSON object {\"title\": \"...\"}.");
		}
		String title = JsonBodies.requireString(body, "title", "The namespace");
		if (title.isBlank()) {
			throw ApiException.badRequest("The namespace title must not be blank.");
		}
		int length = title.codePointCount(0, title.length());
		if (length > MAX_TITLE_LENGTH) {
			throw ApiException.badRequest("The namespace title has " + length + " characters; the limit is "
					+ MAX_TITLE_LENGTH + ".");
		}
		return title;
	}

	private static int intParameter(Exchange exchange, String name, int fallback, int min, int max) {
		String text = exchange.query(name);
		if (text == null || text.isEmpty()) {
			return fallback;
		}
		DecimalInteger value = DecimalInteger.parse(text);
		if (!value.isInteger() || value.value() < min || value.value() > max) {
			throw ApiException.badRequest("Invalid " + name + " '" + Excerpt.of(text) + "': expected an integer from "
					+ min + " to " + max + ".");
		}
		return (int) value.value();
	}

	private static String choice(Exchange exchange, String name, String fallback, String... allowed) {
		@Nullable String text = exchange.query(name);
		if (text == null || text.isEmpty()) {
			return fallback;
		}
		for (String candidate : allowed) {
			if (candidate.equals(text)) {
				return text;
			}
		}
		throw ApiException.badRequest("Invalid " + name + " '" + Excerpt.of(text) + "': expected one of "
				+ List.of(allowed) + ".");
	}

}
