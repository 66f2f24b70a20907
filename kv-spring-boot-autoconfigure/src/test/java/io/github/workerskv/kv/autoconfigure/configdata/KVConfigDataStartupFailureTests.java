package io.github.workerskv.kv.autoconfigure.configdata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up with imports that cannot be satisfied: a required location fails with a report that names the
 * location and the key; an {@code optional:} one starts without it, and says so when KV could not be read.
 */
@ExtendWith(OutputCaptureExtension.class)
class KVConfigDataStartupFailureTests {

	private static final String TOKEN = "tok-4b1d-not-in-logs";

	/** Remote mode at a loopback port where nothing listens, with one quick attempt. */
	private static final String[] UNREACHABLE = { "--cloudflare.kv.mode=remote", "--cloudflare.kv.account-id=acct",
			"--cloudflare.kv.api-token=" + TOKEN, "--cloudflare.kv.base-url=http://127.0.0.1:9/client/v4",
			"--cloudflare.kv.namespaces.CONFIG.id=0f2ac74b498b48028cb68387c421e279",
			"--cloudflare.kv.retry.enabled=false", "--cloudflare.kv.http.connect-timeout=2s" };

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			missing document | cloudflare-kv:CONFIG/config/missing.yaml | KV key 'config/missing.yaml' of binding 'CONFIG' | cloudflare-kv:CONFIG/config/missing.yaml
			empty prefix     | cloudflare-kv:CONFIG/config/nothing/     | KV keys under 'config/nothing/' of binding 'CONFIG' | cloudflare-kv:CONFIG/config/nothing/
			""")
	void aRequiredImportWithNothingInKVFailsNamingTheLocationAndTheKey(String name, String location, String resource,
			String named, CapturedOutput output) {
		assertThatException().isThrownBy(() -> ConfigApp.run("--spring.config.import=" + location).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Config data resource '" + resource + "' via location '" + named + "' does not exist")
			.contains("prefix it with 'optional:'");
	}

	@Test
	void anOptionalImportWithNothingInKVStartsWithoutIt() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=optional:cloudflare-kv:CONFIG/config/missing.yaml")) {
			assertThat(context.getBean(ConfigApp.Greeter.class).greeting()).isEqualTo("none");
			assertThat(context.getEnvironment().getPropertySources().contains("cloudflare-kv:CONFIG/config/missing.yaml"))
				.isTrue();
		}
	}

	@Test
	void aRequiredImportFromAnUnreachableKVFailsNamingTheLocationAndTheFix(CapturedOutput output) {
		String[] args = with(UNREACHABLE, "--spring.config.import=cloudflare-kv:CONFIG/config/app.yaml");
		assertThatException().isThrownBy(() -> ConfigApp.run(args).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Could not read KV key 'config/app.yaml' of binding 'CONFIG' (remote, account acct at "
					+ "http://127.0.0.1:9/client/v4) for the location 'cloudflare-kv:CONFIG/config/app.yaml'")
			.contains("or write the location as `optional:cloudflare-kv:CONFIG/config/app.yaml`")
			.doesNotContain(TOKEN);
	}

	@Test
	void anOptionalImportFromAnUnreachableKVLogsAndStarts(CapturedOutput output) {
		String[] args = with(UNREACHABLE, "--spring.config.import=optional:cloudflare-kv:CONFIG/config/myapp/");
		try (ConfigurableApplicationContext context = ConfigApp.run(args)) {
			assertThat(context.getBean(ConfigApp.Greeter.class).greeting()).isEqualTo("none");
		}
		assertThat(output).contains("WARN")
			.contains("Could not read KV keys under 'config/myapp/' of binding 'CONFIG' (remote, account acct at "
					+ "http://127.0.0.1:9/client/v4)")
			.contains("The location 'cloudflare-kv:CONFIG/config/myapp/' is optional: starting without it")
			.doesNotContain(TOKEN);
	}

	@Test
	void aMalformedDocumentFailsEvenWhenOptionalNamingItsKey(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> ConfigApp.run("--spring.config.import=optional:cloudflare-kv:CONFIG/config/broken.yaml")
				.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The KV key 'config/broken.yaml' of binding 'CONFIG' imported by "
					+ "'cloudflare-kv:CONFIG/config/broken.yaml' is not valid yaml")
			.contains("Fix the value of the key 'config/broken.yaml' in KV");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			no path      | cloudflare-kv:CONFIG | it names no key or prefix after the binding; write cloudflare-kv:CONFIG/ to import every key
			no binding   | cloudflare-kv:/config/app.yaml | it names no binding before the first '/'
			""")
	void aMalformedLocationFailsSayingHowToWriteIt(String name, String location, String reason,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> ConfigApp.run("--spring.config.import=" + location).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid KV configuration location '" + location + "': " + reason)
			.contains("Write the location in `spring.config.import` as `cloudflare-kv:BINDING/prefix/`");
	}

	@Test
	void aDocumentKeyLongerThanKVAllowsFailsWithKVsMessage(CapturedOutput output) {
		String key = "config/" + "k".repeat(510) + ".yaml";
		assertThatException().isThrownBy(() -> ConfigApp.run("--spring.config.import=cloudflare-kv:CONFIG/" + key).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid KV configuration location 'cloudflare-kv:CONFIG/" + key
					+ "': UTF-8 encoded length of 522 exceeds key length limit of 512.");
	}

	@Test
	void anUnknownBindingNamesTheImportAndTheKnownBindings(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> ConfigApp.run("--spring.config.import=cloudflare-kv:SETTINGS/config/app.yaml").close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("`spring.config.import` names the KV binding 'SETTINGS', but no KV namespace is bound under that "
					+ "name. Known bindings: CONFIG.")
			.contains("Bind it by setting `cloudflare.kv.namespaces.SETTINGS.id`");
	}

	@Test
	void remoteModeWithoutCredentialsFailsAtTheImportWithTheStarterReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> ConfigApp
			.run("--cloudflare.kv.mode=remote", "--cloudflare.kv.account-id=acct",
					"--spring.config.import=optional:cloudflare-kv:CONFIG/config/app.yaml")
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("no Cloudflare API credentials are set");
	}

	@Test
	void aSeedFileThatIsNotAnArrayNamesItsProperty(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> ConfigApp.run("--cloudflare.kv.config.seed.CONFIG=classpath:kvconfig-application.yml",
					"--spring.config.import=optional:cloudflare-kv:CONFIG/config/app.yaml")
				.close());
		assertThat(output).contains("APPLICATION FAILED TO START").contains("cloudflare.kv.config.seed.CONFIG");
	}

	private static String[] with(String[] base, String... more) {
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
