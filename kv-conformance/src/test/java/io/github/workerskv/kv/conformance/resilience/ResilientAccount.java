package io.github.workerskv.kv.conformance.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.resilience.ResilienceStatistics;

/**
 * An emulator on a loopback port with one token and one account, one namespace created in it, and a client
 * of it configured by the test, whose resilience events are counted in {@link #statistics()}.
 */
final class ResilientAccount implements AutoCloseable {

	static final String TOKEN = "resilience-s3cr3t-token";

	static final String ACCOUNT = "0f2ac74b498b48028cb68387c421e279";

	private final KVEmulator emulator;

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private final CloudflareKVClient client;

	private final CloudflareKVNamespace namespace;

	/**
	 * @param emulatorOptions how the emulator differs from one with this token and account
	 * @param clientConfig how the client differs from the defaults (retries on, pacing and budget off)
	 * @param listener told of events besides the statistics
	 */
	ResilientAccount(UnaryOperator<KVEmulatorOptions> emulatorOptions, UnaryOperator<CloudflareKVConfig> clientConfig,
			KVListener listener) {
		this.emulator = KVEmulator
			.start(emulatorOptions.apply(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT)));
		this.client = CloudflareKVClient.create(clientConfig.apply(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN))
			.withBaseUrl(this.emulator.baseUrl())
			.withConnectTimeout(Duration.ofSeconds(5))
			.withRequestTimeout(Duration.ofSeconds(10))
			.withListener(KVListener.composite(List.of(this.statistics, listener)))));
		String id = this.client.createNamespace("resilience").id();
		this.namespace = this.client.namespace(id);
	}

	ResilientAccount(UnaryOperator<KVEmulatorOptions> emulatorOptions, UnaryOperator<CloudflareKVConfig> clientConfig) {
		this(emulatorOptions, clientConfig, KVListener.none());
	}

	KVEmulator emulator() {
		return this.emulator;
	}

	CloudflareKVClient client() {
		return this.client;
	}

	CloudflareKVNamespace namespace() {
		return this.namespace;
	}

	ResilienceStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Prints a proof's figures on one line, for the build log and the report.
	 * @param proof the proof's name
	 * @param figures name and value of each figure, in order
	 */
	static void report(String proof, Map<String, ?> figures) {
		StringJoiner line = new StringJoiner(", ", "[resilience] " + proof + ": ", "");
		figures.forEach((name, value) -> line.add(name + "=" + value));
		System.out.println(line);
	}

	@Override
	public void close() {
		try {
			this.client.close();
		}
		finally {
			this.emulator.close();
		}
	}

}
