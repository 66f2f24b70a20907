package io.github.workerskv.kv.flags;

/**
 * Which of {@code @openfeature/flagd-core}'s two ways of running targeting rules kv-flags answers like. They agree
 * on ordinary rules and differ in corners (json-logic-engine's compiled code and its interpreter coerce some
 * comparisons, {@code cat} of {@code null} and {@code var} paths through falsy values differently, and the compiled
 * code folds constant parts while compiling, so their errors are {@code PARSE_ERROR} rather than {@code GENERAL}).
 */
public enum RuleEvaluation {

	/**
	 * flagd-core with {@code disableDynamicCodeGeneration: true}: the only way it runs in a Worker, where
	 * {@code new Function} is not allowed. The default, so that Spring and the edge answer alike.
	 */
	INTERPRETED,

	/** flagd-core's default, which compiles rules with {@code new Function}: Node.js, browsers. */
	COMPILED

}
