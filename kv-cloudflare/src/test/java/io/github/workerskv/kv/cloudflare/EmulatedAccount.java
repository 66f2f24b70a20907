package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator on a loopback port with one token and one account, and clients of it. Tests share one
 * per class ({@code @RegisterExtension static final EmulatedAccount account = new EmulatedAccount();}),
 * which resets its faults after each test and closes after the class, and take a fresh namespace per test.
 * Tests that need an emulator of their own per test (their own clock, say) register a
 * {@link io.github.workerskv.kv.emulator.KVEmulatorExtension} on {@link #options()} and configure their
 * clients with {@link #config(KVEmulator)}.
 */
final class EmulatedAccount implements AutoCloseable, AfterEachCallback, AfterAllCallback {

	static final String TOKEN = "client-s3cr3t-token";

	static final String ACCOUNT = "acct";

	private final KVEmulator emulator;

	private final CloudflareKVClient client;

	EmulatedAccount() {
		this.emulator = KVEmulator.start(options());
		this.client = CloudflareKVClient.create(config());
	}

	/** @return an emulator that accepts {@link #TOKEN} for {@link #ACCOUNT} only */
	static KVEmulatorOptions options() {
		return KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT);
	}

	/**
	 * @param emulator an emulator started on {@link #options()}
	 * @return a configuration for it with short timeouts and without retries, so that each injected fault
	 * reaches the test as the failure it is; tests adjust it
	 */
	static CloudflareKVConfig config(KVEmulator emulator) {
		return CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN))
			.withBaseUrl(emulator.baseUrl())
			.withConnectTimeout(Duration.ofSeconds(5))
			.withRequestTimeout(Duration.ofSeconds(30))
			.withRetry(RetryOptions.disabled());
	}

	KVEmulator emulator() {
		return this.emulator;
	}

	CloudflareKVClient client() {
		return this.client;
	}

	/** @return {@link #config(KVEmulator)} for this account's emulator */
	CloudflareKVConfig config() {
		return config(this.emulator);
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

	/** @return a log of the requests from now until the faults are reset (after each test) */
	RequestLog requests() {
		return RequestLog.of(this.emulator);
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

}
