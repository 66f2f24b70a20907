package io.github.workerskv.kv.cloudflare;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads a namespace of the API's answers. */
final class NamespaceInfos {

	private NamespaceInfos() {
	}

	/**
	 * @param node a {@code result} or an item of one
	 * @param target the request's method and path, for the message
	 * @param failures builds the exception when the node is not a namespace
	 * @return the namespace
	 */
	static NamespaceInfo of(@Nullable JsonNode node, String target, Failures failures) {
		JsonNode id = (node != null) ? node.get("id") : null;
		if (node == null || id == null || !id.isString()) {
			throw failures.malformed(target, 200, "its result is not a namespace with an id");
		}
		JsonNode title = node.get("title");
		JsonNode urlEncoding = node.get("supports_url_encoding");
		return new NamespaceInfo(id.stringValue(), (title != null && title.isString()) ? title.stringValue() : "",
				(urlEncoding != null && urlEncoding.isBoolean()) ? urlEncoding.booleanValue() : null);
	}

}
