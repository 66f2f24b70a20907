package io.github.workerskv.kv.console;

/** What the console's namespaces live in; the console shows it on every page. */
public enum ConsoleBackendKind {

	/** The embedded store of the application ({@code mode: local}): nothing leaves the JVM. */
	EMBEDDED("embedded", "Embedded store"),

	/** The KV emulator, or a REST API on this machine that is not Cloudflare's. */
	EMULATOR("emulator", "KV emulator"),

	/** Cloudflare's Workers KV, through its REST API: real data. */
	CLOUDFLARE("cloudflare", "Cloudflare");

	private final String wireName;

	private final String label;

	ConsoleBackendKind(String wireName, String label) {
		this.wireName = wireName;
		this.label = label;
	}

	/** @return the lowercase name the API uses ({@code embedded}, {@code emulator}, {@code cloudflare}) */
	public String wireName() {
		return this.wireName;
	}

	/** @return what the page shows */
	public String label() {
		return this.label;
	}

}
