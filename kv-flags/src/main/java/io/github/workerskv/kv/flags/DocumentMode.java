package io.github.workerskv.kv.flags;

/** How a user's document and the global document combine. */
public enum DocumentMode {

	/**
	 * The user's document, when it exists, is the answer; a flag it lacks falls to the caller's default, not to
	 * the global value. This is what the Workers KV documentation's Worker does:
	 * {@code (await kv.get(userKey, 'json')) ?? (await kv.get(globalKey, 'json')) ?? DEFAULTS}.
	 */
	REPLACE,

	/** The user's flags (and {@code $evaluators}) override the global document's, flag by flag. */
	MERGE

}
