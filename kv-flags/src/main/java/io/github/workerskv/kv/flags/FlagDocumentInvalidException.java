package io.github.workerskv.kv.flags;

import java.util.List;

/** A document the admin refused to write, with every problem found (each names the flag and the rule). */
public final class FlagDocumentInvalidException extends RuntimeException {

	private final List<String> problems;

	FlagDocumentInvalidException(String key, List<String> problems) {
		super("'" + key + "' was not written: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
