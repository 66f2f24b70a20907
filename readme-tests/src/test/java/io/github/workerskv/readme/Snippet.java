package io.github.workerskv.readme;

import org.jspecify.annotations.Nullable;

/**
 * One fenced code block of a Markdown file.
 * @param language the fence's language ({@code java}, {@code yaml}, {@code sh}, ...), empty when it has none
 * @param id the name given by a {@code <!-- snippet: NAME -->} line just above the fence, or {@code null}
 * @param line the line number of the opening fence, from 1
 * @param text the block's content, without the fences
 */
record Snippet(String language, @Nullable String id, int line, String text) {

	/** @return where the snippet is, for messages */
	String where() {
		return "README.md line " + this.line + ((this.id != null) ? " (snippet: " + this.id + ")" : "");
	}

}
