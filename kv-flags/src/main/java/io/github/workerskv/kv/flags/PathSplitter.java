package io.github.workerskv.kv.flags;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code var} path on dots as json-logic-engine does: {@code \.} is a literal dot, {@code \\} a
 * backslash, and {@code "."} is one empty segment.
 */
final class PathSplitter {

	private PathSplitter() {
	}

	static List<String> split(String path) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '\\') {
				char next = (i + 1 < path.length()) ? path.charAt(i + 1) : 0;
				if (next == '.' || next == '/' || next == '\\') {
					current.append(next);
					i++;
				}
				else {
					current.append(c);
				}
			}
			else if (c == '.') {
				parts.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		if (parts.size() != path.length()) {
			parts.add(current.toString());
		}
		return parts;
	}

}
