package io.github.workerskv.kv.flags;

/**
 * Why an evaluation answered what it did, in OpenFeature's terms.
 *
 * <p>{@code fractional} rollouts answer {@link #TARGETING_MATCH}, as flagd does (not OpenFeature's
 * {@code SPLIT}), so that a Worker evaluating the same document with flagd-core reports the same reason.
 */
public enum FlagReason {

	/** A plain value, or a flag definition without targeting: the same for everyone. */
	STATIC,

	/** A targeting rule chose the variant. */
	TARGETING_MATCH,

	/** The default variant (a rule answered {@code null}), or the caller's default where none is set. */
	DEFAULT,

	/** The flag definition is {@code DISABLED}: the caller's default. */
	DISABLED,

	/** Answered from the last good document while reading KV fails. */
	STALE,

	/** Something went wrong; the value is the caller's default and {@link FlagErrorCode} says what. */
	ERROR

}
