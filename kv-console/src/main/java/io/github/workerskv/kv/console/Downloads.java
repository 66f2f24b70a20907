package io.github.workerskv.kv.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code Content-Disposition} of a downloaded value: the key as its file name, made safe. */
final class Downloads {

	private Downloads() {
	}

	static String contentDisposition(String key) {
		String name = key.substring(key.lastIndexOf('/') + 1);
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			name = "value";
		}
		StringBuilder ascii = new StringBuilder(name.length());
		for (int i = 0; i < name.length() && ascii.length() < 100; i++) {
			char c = name.charAt(i);
			ascii.append((c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';') ? c : '_');
		}
		String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
		return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
	}

}
