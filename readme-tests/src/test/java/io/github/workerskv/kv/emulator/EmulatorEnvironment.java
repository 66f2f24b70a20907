package io.github.workerskv.kv.emulator;

import java.util.List;
import java.util.Map;

/**
 * Reads {@code KV_EMULATOR_*} variables as the emulator's {@code main} does, for README snippets that set them
 * (a Compose file's {@code environment}). In the emulator's package because that parser is package-private.
 */
public final class EmulatorEnvironment {

	private EmulatorEnvironment() {
	}

	/**
	 * @param env the variables
	 * @return the {@code KV_EMULATOR_*} variables the emulator does not know, which it would ignore
	 */
	public static List<String> unknown(Map<String, String> env) {
		return KVEmulatorMain.unknownVariables(env);
	}

	/**
	 * @param env the variables
	 * @return the options they give the emulator
	 * @throws IllegalArgumentException naming a variable whose value the emulator refuses
	 */
	public static KVEmulatorOptions options(Map<String, String> env) {
		KVEmulatorOptions options = KVEmulatorMain.parse(new String[0], env);
		if (options == null) {
			throw new IllegalStateException("The emulator asked for help with no arguments");
		}
		return options;
	}

}
