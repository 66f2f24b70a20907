package io.github.workerskv.kv.cloudflare;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which HTTP client a client sends its requests with. The module's suite runs twice (see its pom): with
 * jetty-client on the class path and without it; {@code kv.test.httpClient} says which run this is, so that
 * {@code AUTO} is checked against what it must choose, not against what it chose.
 */
class HttpClientChoiceTest {

	@RegisterExtension
	static final EmulatedAccount account = new EmulatedAccount();

	private static final HttpClientType EXPECTED = HttpClientType.valueOf(System.getProperty("kv.test.httpClient", "JETTY"));

	@Test
	void autoChoosesJettyExactlyWhenItIsOnTheClassPath() {
		assertThat(HttpClientType.AUTO.resolved()).isEqualTo(EXPECTED);
		assertThat(HttpClientType.JETTY.available()).isEqualTo(EXPECTED == HttpClientType.JETTY);
		assertThat(account.client().httpClient()).isEqualTo(EXPECTED);
		assertThat(account.config().httpClient()).isEqualTo(HttpClientType.AUTO);
	}

	@Test
	void theJdkClientCanBeChosenWhenJettyIsPresent() {
		try (CloudflareKVClient client = account.client((config) -> config.withHttpClient(HttpClientType.JDK))) {
			assertThat(client.httpClient()).isEqualTo(HttpClientType.JDK);
			KVNamespace kv = client.namespace(client.createNamespace("jdk-chosen").id());
			kv.put("k", "v");
			assertThat(kv.get("k")).isEqualTo("v");
		}
	}

	@Test
	void jettyIsUsedWhenPresentAndRefusedNamingTheDependencyWhenNot() {
		CloudflareKVConfig config = account.config().withHttpClient(HttpClientType.JETTY);
		if (EXPECTED == HttpClientType.JETTY) {
			try (CloudflareKVClient client = CloudflareKVClient.create(config)) {
				assertThat(client.httpClient()).isEqualTo(HttpClientType.JETTY);
				KVNamespace kv = client.namespace(client.createNamespace("jetty-chosen").id());
				kv.put("k", "v");
				assertThat(kv.get("k")).isEqualTo("v");
			}
		}
		else {
			assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> CloudflareKVClient.create(config))
				.satisfies((ex) -> assertThat(ex.option()).isEqualTo("httpClient"))
				.withMessageContaining("org.eclipse.jetty:jetty-client");
		}
	}

	@Test
	void theChoiceIsInTheConfigurationsDescription() {
		assertThat(account.config().withHttpClient(HttpClientType.JDK).toString()).contains("httpClient=JDK");
	}

}
