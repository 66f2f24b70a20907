package io.github.workerskv.kv.flags;

/**
 * Why an evaluation answered what it did, in OpenFeature's terms.
 *
 * <p>Agreement with a Worker comes first: every reason is the one {@code @openfeature/flagd-core} gives for the
 * same document and context, so that Spring and the edge report alike. Hence two of OpenFeature's reasons are
 * never given: a {@code fractional} rollout answers {@link #TARGETING_MATCH}, as flagd does, not {@code SPLIT};
 * and an answer from the documents held in memory (every answer: nothing waits on KV) carries the reason of its
 * evaluation, not {@code CACHED}. What a Worker cannot know is added on top: {@link #STALE} while reads of KV
 * fail, and {@link #ERROR} with {@link FlagErrorCode#PROVIDER_NOT_READY} before any read succeeded.
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
