package io.github.workerskv.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the fenced code blocks of a Markdown file, with the name a {@code <!-- snippet: NAME -->} comment on
 * the line above gives each (GitHub does not render the comment).
 */
final class Snippets {

	private static final Pattern FENCE = Pattern.compile("^```\\s*([A-Za-z0-9_+-]*)\\s*$");

	private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*([A-Za-z0-9_-]+)\\s*-->\\s*$");

	private Snippets() {
	}

	/** @return the project's README.md, found through the {@code readme.root} system property */
	static Path readme() {
		return Path.of(System.getProperty("readme.root", "..")).resolve("README.md").normalize();
	}

	static List<Snippet> read(Path file) {
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Snippet> parse(String markdown) {
		List<Snippet> snippets = new ArrayList<>();
		String[] lines = markdown.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			Matcher fence = FENCE.matcher(lines[i]);
			if (!fence.matches()) {
				continue;
			}
			int start = i;
			StringBuilder text = new StringBuilder();
			for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
				text.append(lines[i]).append('\n');
			}
			if (i == lines.length) {
				throw new IllegalArgumentException("The code block opened on line " + (start + 1) + " is never closed");
			}
			snippets.add(new Snippet(fence.group(1), marker(lines, start), start + 1, text.toString()));
		}
		return snippets;
	}

	private static @Nullable String marker(String[] lines, int fence) {
		if (fence == 0) {
			return null;
		}
		Matcher marker = MARKER.matcher(lines[fence - 1].trim());
		return marker.matches() ? marker.group(1) : null;
	}

}
