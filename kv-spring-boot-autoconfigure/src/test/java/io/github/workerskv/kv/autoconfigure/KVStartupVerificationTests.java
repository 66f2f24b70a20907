package io.github.workerskv.kv.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.workerskv.kv.autoconfigure.KVVerificationException.Problem;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudflare.kv.verify-on-startup}: one request per binding, all at once and never retried, bounded by
 * {@code cloudflare.kv.verify-timeout}, against the emulator over HTTP (its faults included) and against ports
 * that refuse or never answer; each failure is analysed naming the property to fix.
 */
class KVStartupVerificationTests {

	private static final String TOKEN = "verify-s3cr3t-token";

	private static final String ACCOUNT = "acct";

	private static final String MISSING_ID = "0f2ac74b498b48028cb68387c421e279";

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=");

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Map<String, String> ids = new LinkedHashMap<>();

	@BeforeEach
	void createNamespacesAndRecordRequests() {
		try (CloudflareKVClient admin = CloudflareKVClient.create(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN))
			.withBaseUrl(this.emulator.baseUrl()))) {
			for (String binding : List.of("FLAGS", "CACHE", "USERS")) {
				this.ids.put(binding, admin.createNamespace(binding).id());
			}
		}
		this.emulator.emulator().faults().next(1, (line) -> {
			this.requests.add(line.method() + " " + line.path());
			return false;
		}, Fault.delay(Duration.ZERO));
	}

	@Test
	void isOffByDefaultAndThenSendsNothingAtStartUp() {
		remote().run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(KVStartupVerification.class);
			assertThat(this.requests).isEmpty();
		});
	}

	@Test
	void listsEveryBindingOnceAndStarts() {
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.requests).hasSize(3).allSatisfy((line) -> assertThat(line).startsWith("GET ").endsWith("/keys"));
		});
	}

	@Test
	void missingNamespaceNamesTheBindingItsIdAndTheProperty() {
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true",
				"cloudflare.kv.namespaces.CACHE.id=" + MISSING_ID)
			.run((context) -> {
				KVVerificationException failure = failure(context);
				assertThat(failure.failures()).singleElement().satisfies((binding) -> {
					assertThat(binding.binding()).isEqualTo("CACHE");
					assertThat(binding.problem()).isEqualTo(Problem.NAMESPACE_NOT_FOUND);
				});
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo("Workers KV start-up verification "
						+ "(`cloudflare.kv.verify-on-startup`) failed for 1 of 3 bindings:" + System.lineSeparator()
						+ "\t- CACHE (namespace " + MISSING_ID + ", from cloudflare.kv.namespaces.CACHE.id): the account "
						+ "has no such namespace (HTTP 404, [code 10013] namespace not found: '" + MISSING_ID + "')");
				assertThat(analysis.getAction()).startsWith("Set `cloudflare.kv.namespaces.CACHE.id` to the id of an "
						+ "existing namespace of the account, as `wrangler kv namespace list` prints it (not its title); "
						+ "binding 'CACHE' uses " + MISSING_ID + ".")
					.endsWith("Or set `cloudflare.kv.verify-on-startup=false` to start without verifying.");
			});
	}

	@Test
	void missingNamespaceFromAWranglerFileNamesTheEntryAndThePropertyThatOverridesIt(@TempDir Path dir)
			throws IOException {
		Path file = Files.writeString(dir.resolve("wrangler.jsonc"), """
				{ "env": { "staging": { "kv_namespaces": [ { "binding": "FLAGS", "id": "%s" } ] } } }
				""".formatted(MISSING_ID));
		this.contextRunner
			.withPropertyValues(connection(this.emulator.baseUrl().toString()))
			.withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.wrangler-config=" + file,
					"cloudflare.kv.wrangler-environment=staging")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("FLAGS (namespace " + MISSING_ID + ", from id of 'FLAGS' "
						+ "in env.staging.kv_namespaces of " + file + "): the account has no such namespace");
				assertThat(analysis.getAction()).startsWith("Fix the id of 'FLAGS' in env.staging.kv_namespaces of " + file
						+ ", or override it with `cloudflare.kv.namespaces.FLAGS.id`, to the id of an existing namespace");
			});
	}

	@Test
	void refusedConnectionNamesTheBaseUrlPropertyForEveryBinding() throws IOException {
		String baseUrl = "http://127.0.0.1:" + closedPort() + "/client/v4";
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.base-url=" + baseUrl)
			.run((context) -> {
				assertThat(failure(context).failures()).hasSize(3)
					.allSatisfy((binding) -> assertThat(binding.problem()).isEqualTo(Problem.UNREACHABLE));
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("failed for 3 of 3 bindings")
					.contains("could not connect to 127.0.0.1:")
					.contains("Check the base URL " + baseUrl);
				assertThat(analysis.getAction()).startsWith("Check `cloudflare.kv.base-url` (" + baseUrl
						+ "): the host must resolve and accept connections from here");
			});
	}

	@Test
	void unansweredConnectionGivesUpAtTheVerifyTimeoutNotTheConnectTimeout() throws IOException {
		try (UnansweredPort port = new UnansweredPort()) {
			String baseUrl = "http://127.0.0.1:" + port.port() + "/client/v4";
			remote().withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.base-url=" + baseUrl,
					"cloudflare.kv.verify-timeout=300ms", "cloudflare.kv.http.connect-timeout=30s")
				.run((context) -> {
					assertThat(failure(context).failures()).hasSize(3).allSatisfy((binding) -> {
						assertThat(binding.problem()).isEqualTo(Problem.TIMED_OUT);
						assertThat(binding.detail()).isEqualTo("no answer within 300 ms (cloudflare.kv.verify-timeout)");
					});
					assertThat(analyze(context).getAction()).startsWith("Check `cloudflare.kv.base-url` (" + baseUrl
							+ ") and the network, or raise `cloudflare.kv.verify-timeout` (now 300 ms)");
				});
		}
	}

	@Test
	void slowApiGivesUpAtTheVerifyTimeout() {
		this.emulator.emulator().faults().latency(Duration.ofMillis(1500));
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.verify-timeout=200ms")
			.run((context) -> assertThat(failure(context).failures()).hasSize(3)
				.allSatisfy((binding) -> assertThat(binding.problem()).isEqualTo(Problem.TIMED_OUT)));
	}

	@Test
	void bindingsAreVerifiedAtTheSameTimeWithinOneSharedTimeout() {
		this.emulator.emulator().faults().latency(Duration.ofMillis(1000));
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.verify-timeout=2500ms")
			.run((context) -> assertThat(context).as("one after another, the third would pass the shared 2500 ms")
				.hasNotFailed());
	}

	@Test
	void refusedTokenNamesTheTokenAndAccountProperties() {
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.api-token=wrong-" + TOKEN)
			.run((context) -> {
				assertThat(failure(context).failures())
					.allSatisfy((binding) -> assertThat(binding.problem()).isEqualTo(Problem.CREDENTIALS_REFUSED));
				assertThat(analyze(context).getAction()).startsWith("Check `cloudflare.kv.api-token` (an API token with "
						+ "the Workers KV Storage permissions for the account) and `cloudflare.kv.account-id`");
			});
	}

	@Test
	void rateLimitedFailsAtOnceWithoutTheRetryPolicy() {
		this.emulator.emulator().faults().next(3, Fault.rateLimited(Duration.ofSeconds(30)));
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true").run((context) -> {
			assertThat(failure(context).failures())
				.allSatisfy((binding) -> assertThat(binding.problem()).isEqualTo(Problem.UNAVAILABLE));
			assertThat(this.requests).as("one request per binding, retries on for the application").hasSize(3);
		});
	}

	@Test
	void baseUrlThatIsNotTheApiNamesTheBaseUrlProperty() {
		String notTheApi = this.emulator.baseUrl().toString().replace("/client/v4", "/client/v3");
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.base-url=" + notTheApi)
			.run((context) -> {
				assertThat(failure(context).failures())
					.allSatisfy((binding) -> assertThat(binding.problem()).isEqualTo(Problem.NOT_THE_API));
				assertThat(analyze(context).getAction())
					.startsWith("Point `cloudflare.kv.base-url` (" + notTheApi + ") at Cloudflare's API");
			});
	}

	@Test
	void connectionDetailsBeanIsNamedInsteadOfThePropertyAsTheBaseUrlsSource() throws IOException {
		String baseUrl = "http://127.0.0.1:" + closedPort() + "/client/v4";
		this.contextRunner
			.withBean(KVConnectionDetails.class, () -> KVConnectionDetails.of(baseUrl, ACCOUNT, Credentials.apiToken(TOKEN)))
			.withPropertyValues("cloudflare.kv.verify-on-startup=true",
					"cloudflare.kv.namespaces.FLAGS.id=" + this.ids.get("FLAGS"))
			.run((context) -> assertThat(analyze(context).getAction())
				.startsWith("Check the base URL of the FixedKVConnectionDetails bean (a KVConnectionDetails) (" + baseUrl
						+ ")"));
	}

	@Test
	void localModeVerifiesTheEmbeddedStore() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(KVStartupVerification.class));
	}

	@Test
	void nonPositiveTimeoutNamesTheProperty() {
		remote().withPropertyValues("cloudflare.kv.verify-on-startup=true", "cloudflare.kv.verify-timeout=0ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("cloudflare.kv.verify-timeout")));
	}

	private ApplicationContextRunner remote() {
		List<String> properties = new ArrayList<>(List.of(connection(this.emulator.baseUrl().toString())));
		this.ids.forEach((binding, id) -> properties.add("cloudflare.kv.namespaces." + binding + ".id=" + id));
		return this.contextRunner.withPropertyValues(properties.toArray(String[]::new));
	}

	private static String[] connection(String baseUrl) {
		return new String[] { "cloudflare.kv.mode=remote", "cloudflare.kv.account-id=" + ACCOUNT,
				"cloudflare.kv.api-token=" + TOKEN, "cloudflare.kv.base-url=" + baseUrl,
				"cloudflare.kv.retry.initial-backoff=1ms", "cloudflare.kv.retry.max-backoff=4ms",
				"cloudflare.kv.retry.max-retry-after=1ms" };
	}

	private static KVVerificationException failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
			if (failure instanceof KVVerificationException verification) {
				return verification;
			}
		}
		throw new AssertionError("Not a verification failure", context.getStartupFailure());
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		failure(context);
		FailureAnalysis analysis = new KVVerificationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		StringWriter trace = new StringWriter();
		context.getStartupFailure().printStackTrace(new PrintWriter(trace));
		assertThat(analysis.getDescription() + analysis.getAction() + trace).doesNotContain(TOKEN);
		return analysis;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
