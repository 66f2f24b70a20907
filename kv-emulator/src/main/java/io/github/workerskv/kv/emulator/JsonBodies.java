package io.github.workerskv.kv.emulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads JSON request bodies and their fields, answering 400 with a message that says what is wrong. */
final class JsonBodies {

	private JsonBodies() {
	}

	/**
	 * @param jsonMapper the mapper
	 * @param body the body
	 * @param expected what the body should be, for the message (for example "a JSON array of keys")
	 * @return the parsed body
	 * @throws ApiException (400) if the body is empty or not JSON
	 */
	static JsonNode parse(JsonMapper jsonMapper, byte[] body, String expected) {
		if (body.length == 0) {
			throw ApiException.badRequest("The request body is empty; expected " + expected + ".");
		}
		try {
			JsonNode node = jsonMapper.readTree(body);
			if (node == null || node.isMissingNode()) {
				throw ApiException.badRequest("The request body is empty; expected " + expected + ".");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw ApiException.badRequest("Malformed JSON in the request body (expected " + expected + "): "
					+ ex.getOriginalMessage());
		}
	}

	/**
	 * @param object a JSON object
	 * @param field a field that must be a string
	 * @param where where the object is, for the message
	 * @return the string
	 * @throws ApiException (400) if the field is missing or not a string
	 */
	static String requireString(JsonNode object, String field, String where) {
		JsonNode value = object.get(field);
		if (value == null || !value.isString()) {
			throw ApiException.badRequest(where + ": '" + field + "' must be a string"
					+ ((value == null || value.isNull()) ? " but is missing." : " but is " + value.getNodeType() + "."));
		}
		return value.asString();
	}

	/**
	 * @param object a JSON object
	 * @param field an optional boolean field
	 * @param where where the object is, for the message
	 * @return its value, {@code false} when missing or null
	 * @throws ApiException (400) if the field is not a boolean
	 */
	static boolean optionalBoolean(JsonNode object, String field, String where) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return false;
		}
		if (!value.isBoolean()) {
			throw ApiException.badRequest(where + ": '" + field + "' must be true or false but is "
					+ value.getNodeType() + ".");
		}
		return value.booleanValue();
	}

}
