package io.github.workerskv.kv.cloudflare;

import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/** A query string; names and values are percent-encoded, and {@code null} values are left out. */
final class Query {

	private final StringJoiner text = new StringJoiner("&");

	/** @return an empty query */
	static Query empty() {
		return new Query();
	}

	/**
	 * @param name the parameter
	 * @param value its value, or {@code null} to leave it out
	 * @return this query
	 */
	Query add(String name, @Nullable Object value) {
		if (value != null) {
			this.text.add(UrlEncoding.encode(name) + "=" + UrlEncoding.encode(value.toString()));
		}
		return this;
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
