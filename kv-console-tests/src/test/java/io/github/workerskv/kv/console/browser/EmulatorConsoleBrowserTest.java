package io.github.workerskv.kv.console.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's console ({@code --console}) in Chromium: signing in with the emulator's token, its namespaces by
 * title, and a key created in the page that the REST API then serves.
 */
class EmulatorConsoleBrowserTest {

	private static final String TOKEN = "emulator-console-token";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Chromium browser;

	private static KVEmulator emulator;

	private static String namespaceId;

	@BeforeAll
	static void start() throws Exception {
		browser = Chromium.start();
		emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken(TOKEN).withConsole(true));
		for (String title : new String[] { "sessions", "flags-preview" }) {
			HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/accounts/dev/storage/kv/namespaces"))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (title.equals("sessions")) {
				namespaceId = JsonMapper.builder().build().readTree(created.body()).path("result").path("id").asString();
			}
		}
		KVNamespace sessions = emulator.store().namespace(namespaceId);
		for (int i = 0; i < 40; i++) {
			sessions.put("session:" + i, "{\"user\":" + i + "}", PutOptions.none().withExpirationTtl(3600).withMetadata(java.util.Map.of("ip", "127.0.0.1")));
		}
	}

	@AfterAll
	static void stop() {
		if (emulator != null) {
			emulator.close();
		}
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void signsInWithTheTokenBrowsesAndWritesWhatTheRestApiReads() throws Exception {
		browser.open(emulator.consoleUrl() + "#/");
		browser.heading("Sign in");
		browser.find(By.id("api-token")).sendKeys(TOKEN);
		browser.find(By.cssSelector("#sign-in button[type=submit]")).click();
		browser.heading("Namespaces");
		assertThat(browser.find(By.id("backend")).getText()).startsWith("KV emulator: ");
		assertThat(browser.find(By.id("backend")).getAttribute("data-kind")).isEqualTo("emulator");
		assertThat(browser.find(By.tagName("main")).getText()).contains("flags-preview").contains(namespaceId)
			.doesNotContain(TOKEN);
		browser.screenshot("emulator-namespaces");

		browser.find(By.linkText("sessions")).click();
		browser.text(By.id("page-summary"), "Page 1: keys 1 to 40; the last page.");
		browser.screenshot("emulator-keys");
		browser.find(By.id("new-key")).click();
		browser.heading("New key in sessions");
		browser.find(By.id("f-key")).sendKeys("greeting");
		browser.find(By.id("f-value")).sendKeys("Hello from the console");
		browser.find(By.id("save")).click();
		browser.heading("greeting");

		HttpResponse<String> value = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/accounts/dev/storage/kv/namespaces/"
				+ namespaceId + "/values/greeting"))
			.header("Authorization", "Bearer " + TOKEN)
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(value.body()).isEqualTo("Hello from the console");
	}

}
