package io.github.workerskv.kv.conformance.client;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.emulator.RequestLine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import io.github.workerskv.kv.resilience.RetryOptions;

/**
 * An emulator on a loopback port with one token and one account, and clients of it. Tests share one
 * per class ({@code @RegisterExtension static final EmulatedAccount account = new EmulatedAccount();}),
 * which resets its faults after each test and closes after the class, and take a fresh namespace per test.
 */
final class EmulatedAccount implements AutoCloseable, AfterEachCallback, AfterAllCallback {

	static final String TOKEN = "conformance-s3cr3t-token";

	static final String ACCOUNT = "acct";

	private final KVEmulator emulator;

	private final CloudflareKVClient client;

	EmulatedAccount() {
		this.emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));
		this.client = CloudflareKVClient.create(config());
	}

	KVEmulator emulator() {
		return this.emulator;
	}

	CloudflareKVClient client() {
		return this.client;
	}

	/**
	 * @return a configuration for the emulator with short timeouts and without retries, so that each
	 * injected fault reaches the test as the failure it is; tests adjust it
	 */
	CloudflareKVConfig config() {
		return CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN))
			.withBaseUrl(this.emulator.baseUrl())
			.withConnectTimeout(Duration.ofSeconds(5))
			.withRequestTimeout(Duration.ofSeconds(30))
			.withRetry(RetryOptions.disabled());
	}

	/**
	 * @param change how the test's client differs from the shared one
	 * @return a new client, which the caller closes
	 */
	CloudflareKVClient client(UnaryOperator<CloudflareKVConfig> change) {
		return CloudflareKVClient.create(change.apply(config()));
	}

	/** @return a new, empty namespace */
	CloudflareKVNamespace freshNamespace() {
		return this.client.namespace(this.client.createNamespace("test-" + UUID.randomUUID()).id());
	}

	/**
	 * Counts requests by scripting harmless zero delays for the next matching ones.
	 * @param when which requests to count
	 * @return the counter; read it after the calls
	 */
	RequestCounter count(Predicate<RequestLine> when) {
		int budget = 100_000;
		this.emulator.faults().next(budget, when, Fault.delay(Duration.ZERO));
		return () -> budget - this.emulator.faults().scriptedRemaining();
	}

	void reset() {
		this.emulator.faults().reset();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	@Override
	public void close() {
		this.client.close();
		this.emulator.close();
	}

	/** How many requests were seen since the counter was made. */
	@FunctionalInterface
	interface RequestCounter {

		int requests();

	}

}
