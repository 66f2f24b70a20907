package io.github.workerskv.kv.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.emulator.KVEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real wrangler CLI ({@code node_modules/.bin/wrangler}) pointed at an emulator the way
 * wrangler-wire.md §1 describes: {@code CLOUDFLARE_API_BASE_URL}, an API token and an account id in
 * the environment, no metrics, non-interactive, and a fresh HOME and working directory so that no
 * cache or login of the machine leaks in.
 */
final class Wrangler {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final Path home;

	Wrangler(KVEmulator emulator, String token, String account, Path home) {
		this.home = home;
		this.environment.put("CLOUDFLARE_API_BASE_URL", emulator.baseUrl().toString());
		this.environment.put("CLOUDFLARE_API_TOKEN", token);
		this.environment.put("CLOUDFLARE_ACCOUNT_ID", account);
		this.environment.put("WRANGLER_SEND_METRICS", "false");
		this.environment.put("WRANGLER_SEND_ERROR_REPORTS", "false");
		this.environment.put("CI", "1");
		this.environment.put("NO_COLOR", "1");
		this.environment.put("FORCE_COLOR", "0");
		this.environment.put("HOME", home.toString());
		this.environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
	}

	/**
	 * @param name a variable to leave out, for example {@code CLOUDFLARE_ACCOUNT_ID}
	 * @return a copy without it
	 */
	Wrangler without(String name) {
		Wrangler copy = copy();
		copy.environment.remove(name);
		return copy;
	}

	/**
	 * @param name a variable
	 * @param value its value
	 * @return a copy with it set
	 */
	Wrangler with(String name, String value) {
		Wrangler copy = copy();
		copy.environment.put(name, value);
		return copy;
	}

	/**
	 * @param args wrangler's arguments
	 * @return what it did, whatever its exit status
	 */
	NodeProcess.Result run(String... args) {
		List<String> command = new ArrayList<>();
		command.add(NodeProcess.JS_DIR.resolve("node_modules/.bin/wrangler").toString());
		command.addAll(List.of(args));
		return NodeProcess.run(command, this.environment, this.home, TIMEOUT);
	}

	/**
	 * @param args wrangler's arguments
	 * @return what it did, after checking it exited with 0
	 */
	NodeProcess.Result ok(String... args) {
		NodeProcess.Result result = run(args);
		assertThat(result.exitCode()).as(result.describe()).isZero();
		return result;
	}

	/**
	 * The arguments of a {@code kv key} or {@code kv bulk} command on one namespace, remote (wrangler 4
	 * would use its local Miniflare storage without {@code --remote}).
	 * @param group {@code key} or {@code bulk}
	 * @param namespaceId the namespace
	 * @param args the command and its arguments, e.g. {@code put k v}
	 * @return wrangler's arguments
	 */
	static String[] kv(String group, String namespaceId, String... args) {
		List<String> all = new ArrayList<>(List.of("kv", group));
		all.addAll(List.of(args));
		all.addAll(List.of("--namespace-id", namespaceId, "--remote"));
		return all.toArray(String[]::new);
	}

	private Wrangler copy() {
		Wrangler copy = new Wrangler(this.home);
		copy.environment.putAll(this.environment);
		return copy;
	}

	private Wrangler(Path home) {
		this.home = home;
	}

}
