package io.github.workerskv.kv.console.browser;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a console page fetched, as Chromium's resource timings say, for the page-weight reports. */
final class PageWeight {

	private PageWeight() {
	}

	/** Sums the bytes (decoded bodies) the page fetched, failing if the static part passes a budget of 64 KiB. */
	@SuppressWarnings("unchecked")
	static String weigh(Chromium browser, String page, boolean withDocument) {
		Map<String, Object> sizes = (Map<String, Object>) browser.script("""
				const entries = performance.getEntriesByType('resource');
				const nav = performance.getEntriesByType('navigation')[0];
				const list = entries.map((e) => [e.name, e.decodedBodySize, e.transferSize]);
				if (arguments[0]) list.unshift([nav.name, nav.decodedBodySize, nav.transferSize]);
				const isApi = (name) => new URL(name).pathname.includes('/api/');
				const sum = (rows, i) => rows.reduce((total, row) => total + row[i], 0);
				const fixed = list.filter((row) => !isApi(row[0]));
				const api = list.filter((row) => isApi(row[0]));
				return { files: fixed.length, staticBytes: sum(fixed, 1), apiRequests: api.length, apiBytes: sum(api, 1),
				  names: list.map((row) => new URL(row[0]).pathname + ' ' + row[1]).join(', ') };
				""", withDocument);
		long staticBytes = ((Number) sizes.get("staticBytes")).longValue();
		long apiBytes = ((Number) sizes.get("apiBytes")).longValue();
		assertThat(staticBytes).as("static bytes of " + page).isLessThan(64 * 1024);
		return "[page-weight] " + page + ": " + (staticBytes + apiBytes) + " bytes = " + staticBytes + " in "
				+ sizes.get("files") + " static files + " + apiBytes + " in " + sizes.get("apiRequests")
				+ " API answers (" + sizes.get("names") + ")\n";
	}

}
