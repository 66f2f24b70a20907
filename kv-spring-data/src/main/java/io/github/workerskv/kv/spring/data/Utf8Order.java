package io.github.workerskv.kv.spring.data;

import java.util.Comparator;

/**
 * KV's key order: UTF-8 byte order, which is Unicode code point order. {@link String#compareTo} compares
 * UTF-16 units instead and puts U+E000..U+FFFF after the supplementary planes.
 */
final class Utf8Order implements Comparator<String> {

	static final Utf8Order INSTANCE = new Utf8Order();

	private Utf8Order() {
	}

	@Override
	public int compare(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
