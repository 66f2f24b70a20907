package io.github.workerskv.kv.emulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The JSON shapes of the v4 API that the emulator writes, field names as Cloudflare spells them. */
final class Wire {

	private Wire() {
	}

	/**
	 * Every JSON answer: {@code {success, errors, messages, result, result_info?}}.
	 * @param success whether the call worked
	 * @param errors empty on success
	 * @param messages always empty
	 * @param result the payload, {@code null} on failure
	 * @param resultInfo paging information of list endpoints, omitted elsewhere
	 */
	@JsonPropertyOrder({ "success", "errors", "messages", "result", "result_info" })
	record Envelope(boolean success, List<Error> errors, List<String> messages, @Nullable Object result,
			@JsonProperty("result_info") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Object resultInfo) {

		static Envelope ok(@Nullable Object result) {
			return new Envelope(true, List.of(), List.of(), result, null);
		}

		static Envelope ok(@Nullable Object result, Object resultInfo) {
			return new Envelope(true, List.of(), List.of(), result, resultInfo);
		}

		static Envelope error(int code, String message) {
			return new Envelope(false, List.of(new Error(code, message)), List.of(), null, null);
		}

	}

	/**
	 * One entry of {@code errors}.
	 * @param code the error code
	 * @param message what went wrong
	 */
	record Error(int code, String message) {
	}

	/**
	 * A namespace.
	 * @param id 32 lowercase hex digits
	 * @param title its unique title
	 * @param supportsUrlEncoding always true: keys in the URL are percent-decoded once
	 */
	@JsonPropertyOrder({ "id", "title", "supports_url_encoding" })
	record Namespace(String id, String title, @JsonProperty("supports_url_encoding") boolean supportsUrlEncoding) {
	}

	/**
	 * Paging of the namespace list.
	 * @param page the page number, from 1
	 * @param perPage the page size
	 * @param count the number of namespaces on this page
	 * @param totalCount the number of namespaces
	 * @param totalPages the number of pages
	 */
	@JsonPropertyOrder({ "page", "per_page", "count", "total_count", "total_pages" })
	record PageInfo(int page, @JsonProperty("per_page") int perPage, int count,
			@JsonProperty("total_count") int totalCount, @JsonProperty("total_pages") int totalPages) {
	}

	/**
	 * One listed key.
	 * @param name the key
	 * @param expiration seconds since the epoch, omitted when it does not expire
	 * @param metadata its metadata, omitted when it has none
	 */
	@JsonPropertyOrder({ "name", "expiration", "metadata" })
	record Key(String name, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long expiration,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JsonNode metadata) {
	}

	/**
	 * Paging of the key list.
	 * @param count the number of keys on this page
	 * @param cursor where to continue, {@code ""} on the last page
	 */
	record CursorInfo(int count, String cursor) {
	}

	/**
	 * The answer of a bulk write or delete.
	 * @param successfulKeyCount how many keys were written or deleted
	 * @param unsuccessfulKeys the keys that were not, to be retried
	 */
	@JsonPropertyOrder({ "successful_key_count", "unsuccessful_keys" })
	record BulkResult(@JsonProperty("successful_key_count") int successfulKeyCount,
			@JsonProperty("unsuccessful_keys") List<String> unsuccessfulKeys) {
	}

	/**
	 * A value of a bulk get with metadata.
	 * @param value the value, as text or parsed JSON
	 * @param metadata its metadata, {@code null} when it has none
	 * @param expiration seconds since the epoch, omitted when it does not expire
	 */
	@JsonPropertyOrder({ "value", "metadata", "expiration" })
	record ValueWithMetadata(@Nullable Object value, @Nullable JsonNode metadata,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long expiration) {
	}

	/**
	 * The answer of a bulk get.
	 * @param values every requested key, with {@code null} for the missing ones
	 */
	record BulkValues(Map<String, @Nullable Object> values) {
	}

}
