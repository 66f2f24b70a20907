package io.github.workerskv.kv.flags;

/** Why an evaluation fell back to the caller's default, in OpenFeature's terms. */
public enum FlagErrorCode {

	/** The document has no such flag. */
	FLAG_NOT_FOUND,

	/** The flag's value is not of the requested type. */
	TYPE_MISMATCH,

	/** The flag's definition (or its targeting) cannot be read. */
	PARSE_ERROR,

	/** No document has been read yet (cold start while KV fails). */
	PROVIDER_NOT_READY,

	/** Evaluating the targeting failed, or it chose a variant that does not exist. */
	GENERAL

}
