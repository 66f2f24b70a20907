package io.github.workerskv.kv.autoconfigure;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * In remote mode, a binding has no namespace id, or one that is not 32 lowercase hexadecimal characters.
 * Reported by {@link InvalidNamespaceIdFailureAnalyzer}.
 */
final class InvalidNamespaceIdException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String binding;

	private final @Nullable String namespaceId;

	private final @Nullable String origin;

	private final String property;

	private final boolean preview;

	private InvalidNamespaceIdException(String message, String binding, @Nullable String namespaceId,
			@Nullable String origin, String property, boolean preview) {
		super(message);
		this.binding = binding;
		this.namespaceId = namespaceId;
		this.origin = origin;
		this.property = property;
		this.preview = preview;
	}

	/**
	 * @param binding the binding
	 * @param property the property that would set the missing id
	 * @param preview whether the preview id is missing
	 * @return the exception
	 */
	static InvalidNamespaceIdException missing(String binding, String property, boolean preview) {
		return new InvalidNamespaceIdException("KV binding '" + binding + "' has no " + (preview ? "preview id" : "id")
				+ " for remote mode; set " + property, binding, null, null, property, preview);
	}

	/**
	 * @param binding the binding
	 * @param namespaceId the malformed id
	 * @param origin where the id was set: a property name or a place in a wrangler file
	 * @param property the property that sets the id
	 * @param preview whether it is the preview id
	 * @return the exception
	 */
	static InvalidNamespaceIdException malformed(String binding, String namespaceId, String origin, String property,
			boolean preview) {
		return new InvalidNamespaceIdException("Namespace id '" + namespaceId + "' of KV binding '" + binding + "' ("
				+ origin + ") is not 32 lowercase hexadecimal characters", binding, namespaceId, origin, property,
				preview);
	}

	String binding() {
		return this.binding;
	}

	/** @return the malformed id, or {@code null} when the id is missing */
	@Nullable String namespaceId() {
		return this.namespaceId;
	}

	/** @return where the malformed id was set, or {@code null} when the id is missing */
	@Nullable String origin() {
		return this.origin;
	}

	/** @return the property that sets the id */
	String property() {
		return this.property;
	}

	boolean preview() {
		return this.preview;
	}

}
