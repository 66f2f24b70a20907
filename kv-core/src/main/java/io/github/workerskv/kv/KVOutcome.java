package io.github.workerskv.kv;

import java.util.Locale;

/** How a {@link KVNamespace} call ended, as {@link KVListener}s and metrics name it. */
public enum KVOutcome {

	/** A single read found its key. */
	HIT,

	/** A single read found no live key. */
	MISS,

	/** Any other call returned. */
	SUCCESS,

	/** The call failed because KV rate-limited it (HTTP 429), after any retries. */
	RATE_LIMITED,

	/** The call failed for any other reason, validation errors included. */
	ERROR;

	/** @return the name in events and meter tags: {@code hit}, {@code miss}, ..., {@code error} */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
