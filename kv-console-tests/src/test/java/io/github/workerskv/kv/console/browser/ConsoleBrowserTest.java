package io.github.workerskv.kv.console.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.InvalidExpirationException;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueWithMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The console of a Spring Boot application on the embedded store, in Chromium, signed in as a user with the
 * console's role: browsing 2,500 keys page by page, a key with metadata and expiry, editing, validation messages,
 * deleting, bulk deleting, binary values, the production confirmation, CSRF refusals and the keyboard.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cloudflare.kv.console.enabled=true", "cloudflare.kv.namespaces.SESSIONS.id=sessions",
				"cloudflare.kv.namespaces.PROD.id=prod", "cloudflare.kv.console.production-bindings=PROD",
				"server.address=127.0.0.1" })
class ConsoleBrowserTest {

	private static Chromium browser;

	private static boolean signedIn;

	@Value("${local.server.port}")
	int port;

	@Autowired
	@Qualifier("SESSIONS")
	KVNamespace sessions;

	@Autowired
	@Qualifier("PROD")
	KVNamespace prod;

	@BeforeAll
	static void startBrowser() {
		browser = Chromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@BeforeEach
	void signIn() {
		if (!signedIn) {
			List<BulkWrite> users = new ArrayList<>();
			for (int i = 0; i < 2500; i++) {
				users.add(BulkWrite.of(String.format("user:%04d", i), "{\"id\":" + i + "}"));
			}
			for (int i = 0; i < 300; i++) {
				users.add(BulkWrite.of(String.format("session:%04d", i), "s" + i));
			}
			this.sessions.bulkPut(users);
			SignIn.as(browser, base(), ConsoleTestApplication.ADMIN);
			signedIn = true;
		}
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private String console(String hash) {
		return base() + "/kv-console/#" + hash;
	}

	@Test
	void showsTheBindingsAndThatTheyAreOnTheEmbeddedStore() {
		browser.open(console("/"));
		browser.heading("Namespaces");
		assertThat(browser.text(By.id("backend"), "Embedded store").getText())
			.isEqualTo("Embedded store: embedded store in memory");
		assertThat(browser.find(By.id("backend")).getAttribute("data-kind")).isEqualTo("embedded");
		List<String> names = browser.driver().findElements(By.cssSelector("main tbody tr td:first-child a"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(names).containsExactly("SESSIONS", "PROD");
		assertThat(browser.find(By.cssSelector("main tbody tr:nth-child(2) .tag.production")).getText()).isEqualTo("production");
		browser.screenshot("namespaces");
	}

	@Test
	void pagesThrough2500KeysWithAPrefixAndBack() {
		browser.open(console("/ns/SESSIONS"));
		browser.heading("SESSIONS");
		browser.find(By.id("prefix")).sendKeys("user:");
		new Select(browser.find(By.id("limit"))).selectByValue("500");
		browser.find(By.cssSelector("#search button[type=submit]")).click();
		List<String> seen = new ArrayList<>();
		for (int page = 1; page <= 5; page++) {
			String summary = browser.text(By.id("page-summary"), "Page " + page + ":").getText();
			seen.addAll(keysOnPage());
			if (page == 1) {
				browser.screenshot("keys");
			}
			if (page < 5) {
				assertThat(summary).endsWith("more follow.");
				browser.find(By.id("next-page")).click();
			}
			else {
				assertThat(summary).isEqualTo("Page 5: keys 2,001 to 2,500 with the prefix \"user:\"; the last page.");
				assertThat(browser.find(By.id("next-page")).getAttribute("aria-disabled")).isEqualTo("true");
			}
		}
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			expected.add(String.format("user:%04d", i));
		}
		assertThat(seen).containsExactlyElementsOf(expected);

		browser.find(By.id("previous-page")).click();
		browser.text(By.id("page-summary"), "Page 4: keys 1,501 to 2,000");
		assertThat(keysOnPage()).first().isEqualTo("user:1500");
	}

	@SuppressWarnings("unchecked")
	private static List<String> keysOnPage() {
		return (List<String>) browser.script(
				"return [...document.querySelectorAll('#keys tbody td.key a')].map((a) => a.textContent);");
	}

	@Test
	void opensAKeyWithItsMetadataAndExpiry() {
		long expiration = Instant.now().getEpochSecond() + 7200;
		this.sessions.put("user:profile:ada", "{\"name\":\"Ada\",\"langs\":[\"en\",\"fr\"]}",
				PutOptions.none().withExpiration(expiration).withMetadata(new Plan("pro", 3)));
		browser.open(console("/ns/SESSIONS?prefix=user%3Aprofile"));
		browser.find(By.linkText("user:profile:ada")).click();
		browser.heading("user:profile:ada");
		assertThat(browser.find(By.id("value-kind")).getText()).isEqualTo("JSON");
		assertThat(browser.find(By.id("value")).getText())
			.isEqualTo("{\n  \"name\" : \"Ada\",\n  \"langs\" : [ \"en\", \"fr\" ]\n}");
		assertThat(browser.find(By.id("metadata")).getText()).isEqualTo("{\n  \"plan\": \"pro\",\n  \"seats\": 3\n}");
		String expected = Instant.ofEpochSecond(expiration).toString().replace("T", " ").replace("Z", " UTC");
		assertThat(browser.find(By.id("value-expiration")).getText()).startsWith(expected).contains("(in 2 h)");
		assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("null").doesNotContain("undefined");
		browser.screenshot("key");
	}

	record Plan(String plan, int seats) {
	}

	@Test
	void editsAValueThatTheApiThenReads() {
		this.sessions.put("greeting", "Hello");
		browser.open(console("/ns/SESSIONS/key?k=greeting"));
		browser.heading("greeting");
		browser.find(By.id("edit-key")).click();
		browser.heading("Edit greeting");
		WebElement value = browser.find(By.id("f-value"));
		assertThat(value.getDomProperty("value")).isEqualTo("Hello");
		value.clear();
		value.sendKeys("Hello, KV console!");
		browser.find(By.id("f-metadata")).sendKeys("{\"by\": \"console\"}");
		browser.screenshot("edit");
		browser.find(By.id("save")).click();
		browser.heading("greeting");
		browser.text(By.id("value"), "Hello, KV console!");

		ValueWithMetadata<String> stored = this.sessions.getWithMetadata("greeting");
		assertThat(stored.value()).isEqualTo("Hello, KV console!");
		assertThat(stored.metadata().path("by").asString()).isEqualTo("console");
		assertThat(stored.expiration()).isNull();
	}

	@Test
	void showsTheApisOwnMessageNextToTheFieldAndWritesNothing() {
		String message = assertThatExceptionOfType(InvalidExpirationException.class)
			.isThrownBy(() -> PutOptions.none().withExpirationTtl(30))
			.actual()
			.getMessage();
		browser.open(console("/ns/SESSIONS/new"));
		browser.heading("New key in SESSIONS");
		browser.find(By.id("f-key")).sendKeys("short-lived");
		browser.find(By.id("f-value")).sendKeys("soon gone");
		browser.find(By.id("f-ttl")).sendKeys("30");
		browser.find(By.id("save")).click();
		WebElement error = browser.text(By.id("f-ttl-error"), message);
		assertThat(error.getText()).isEqualTo(message);
		assertThat(browser.find(By.id("f-ttl")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.active().getAttribute("id")).isEqualTo("f-ttl");
		browser.screenshot("validation");
		Object unlabelled = browser.script("return [...document.querySelectorAll('#key-form input, #key-form textarea')]"
				+ ".filter((el) => !el.labels.length).length;");
		assertThat(unlabelled).isEqualTo(0L);
		assertThat(this.sessions.get("short-lived")).isNull();

		browser.find(By.id("f-ttl")).clear();
		browser.find(By.id("f-ttl")).sendKeys("120");
		browser.find(By.id("save")).click();
		browser.heading("short-lived");
		assertThat(this.sessions.getWithMetadata("short-lived").expiration()).isNotNull();
	}

	@Test
	void deletesAKeyAfterAskingFirst() {
		this.sessions.put("doomed", "bye");
		browser.open(console("/ns/SESSIONS/key?k=doomed"));
		browser.heading("doomed");
		browser.find(By.id("delete-key")).click();
		browser.text(By.id("confirm-title"), "Delete doomed?");
		browser.find(By.id("confirm-cancel")).click();
		assertThat(this.sessions.get("doomed")).isEqualTo("bye");
		browser.find(By.id("delete-key")).click();
		browser.find(By.id("confirm-ok")).click();
		browser.heading("SESSIONS");
		assertThat(this.sessions.get("doomed")).isNull();
	}

	@Test
	void deletesASelectionInOneBulkDelete() {
		for (int i = 0; i < 5; i++) {
			this.sessions.put("bulk:" + i, "v" + i);
		}
		browser.open(console("/ns/SESSIONS?prefix=bulk%3A"));
		browser.text(By.id("page-summary"), "keys 1 to 5");
		for (String key : List.of("bulk:1", "bulk:2", "bulk:4")) {
			browser.find(By.cssSelector("input[aria-label='Select " + key + "']")).click();
		}
		assertThat(browser.find(By.id("delete-selected")).getText()).isEqualTo("Delete selected (3)");
		browser.find(By.id("delete-selected")).click();
		browser.text(By.id("confirm-title"), "Delete 3 keys?");
		browser.find(By.id("confirm-ok")).click();
		browser.text(By.id("page-summary"), "keys 1 to 2");
		assertThat(keysOnPage()).containsExactly("bulk:0", "bulk:3");
		assertThat(this.sessions.list(ListOptions.defaults().withPrefix("bulk:")).keys()).extracting("name")
			.containsExactly("bulk:0", "bulk:3");
	}

	@Test
	void showsABinaryValueAsHexAndDownloadsIt() throws Exception {
		byte[] png = new byte[300];
		byte[] magic = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		System.arraycopy(magic, 0, png, 0, magic.length);
		for (int i = magic.length; i < png.length; i++) {
			png[i] = (byte) (i * 7);
		}
		this.sessions.put("assets/logo.png", png);
		browser.open(console("/ns/SESSIONS/key?k=assets%2Flogo.png"));
		browser.heading("assets/logo.png");
		assertThat(browser.find(By.id("value-kind")).getText()).isEqualTo("Binary");
		assertThat(browser.find(By.id("value-size")).getText()).isEqualTo("300 bytes");
		assertThat(browser.find(By.id("value")).getText()).startsWith("00000000  89 50 4e 47 0d 0a 1a 0a");
		browser.find(By.id("download")).click();
		Path downloaded = browser.download("logo.png");
		assertThat(Files.readAllBytes(downloaded)).isEqualTo(png);
	}

	@Test
	void asksBeforeWritingToAProductionNamespace() {
		browser.open(console("/ns/PROD/new"));
		browser.heading("New key in PROD");
		assertThat(browser.find(By.cssSelector("main .warning")).getText()).contains("PROD is a production namespace");
		browser.find(By.id("f-key")).sendKeys("feature:checkout");
		browser.find(By.id("f-value")).sendKeys("on");
		browser.find(By.id("save")).click();
		assertThat(browser.text(By.id("confirm-title"), "production").getText())
			.isEqualTo("Write to the production namespace PROD?");
		browser.screenshot("production-warning");
		browser.find(By.id("confirm-cancel")).click();
		assertThat(this.prod.get("feature:checkout")).isNull();
		browser.find(By.id("save")).click();
		browser.text(By.id("confirm-title"), "production");
		browser.find(By.id("confirm-ok")).click();
		browser.heading("feature:checkout");
		assertThat(this.prod.get("feature:checkout")).isEqualTo("on");
	}

	@Test
	void refusesWritesWithoutSpringSecuritysCsrfTokenOrTheConsolesToken() {
		browser.open(console("/"));
		browser.heading("Namespaces");
		String script = """
				const [withSpring, withConsole, done] = arguments;
				fetch('api/session').then((r) => r.json()).then(async (session) => {
				  const all = session.writeHeaders;
				  const pick = (names) => Object.fromEntries(Object.entries(all).filter(([n]) => names(n)));
				  const put = (headers) => fetch('api/value?ns=SESSIONS', { method: 'PUT',
				    headers: { 'Content-Type': 'application/json', ...headers },
				    body: JSON.stringify({ key: 'forged', value: 'x' }) }).then((r) => r.status);
				  done([Object.keys(all).length,
				    await put(pick((n) => n !== 'X-KV-Console-Token')),
				    await put(pick((n) => n === 'X-KV-Console-Token')),
				    await put({})]);
				});
				""";
		@SuppressWarnings("unchecked")
		List<Long> statuses = (List<Long>) browser.asyncScript(script, true, true);
		assertThat(statuses.get(0)).as("the console's token and Spring Security's CSRF header").isEqualTo(2L);
		assertThat(statuses.subList(1, 4)).containsExactly(403L, 403L, 403L);
		assertThat(this.sessions.get("forged")).isNull();
	}

	@Test
	void worksFromTheKeyboard() {
		browser.open(console("/"));
		browser.heading("Namespaces");
		WebElement focused = null;
		for (int i = 0; i < 12; i++) {
			browser.active().sendKeys(Keys.TAB);
			focused = browser.active();
			if ("SESSIONS".equals(focused.getText())) {
				break;
			}
		}
		assertThat(focused.getText()).isEqualTo("SESSIONS");
		focused.sendKeys(Keys.ENTER);
		browser.heading("SESSIONS");
		browser.waitFor((d) -> "SESSIONS".equals(browser.active().getText().trim()) ? true : null);
		browser.active().sendKeys("/");
		assertThat(browser.active().getAttribute("id")).isEqualTo("prefix");
		browser.active().sendKeys("session:029", Keys.ENTER);
		browser.text(By.id("page-summary"), "with the prefix \"session:029\"");
		assertThat(keysOnPage()).hasSize(10).first().isEqualTo("session:0290");
		for (int i = 0; i < 20 && !"session:0290".equals(browser.active().getText()); i++) {
			browser.active().sendKeys(Keys.TAB);
		}
		browser.active().sendKeys(Keys.ENTER);
		browser.heading("session:0290");
	}

	@Test
	void labelsEveryControl() {
		for (String page : List.of("/ns/SESSIONS?prefix=user%3A00", "/ns/SESSIONS/new")) {
			browser.open(console(page));
			browser.find(By.cssSelector("main h1"));
			browser.find(By.cssSelector("main input"));
			Object unlabelled = browser.script("""
					return [...document.querySelectorAll('main input, main select, main textarea, main button')]
					  .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
					  .map((el) => el.outerHTML);
					""");
			assertThat((List<?>) unlabelled).as(page).isEmpty();
		}
	}

	@Test
	void measuresWhatEachPageWeighs() throws Exception {
		StringBuilder report = new StringBuilder();
		browser.open(base() + "/kv-console/?fresh=" + System.nanoTime() + "#/");
		browser.heading("Namespaces");
		report.append(PageWeight.weigh(browser, "namespaces (first load: page, styles, scripts, icon, session)", true));
		browser.script("performance.clearResourceTimings();");
		browser.script("location.hash = '#/ns/SESSIONS?prefix=user%3A';");
		browser.text(By.id("page-summary"), "Page 1: keys 1 to 100");
		report.append(PageWeight.weigh(browser, "keys (a page of 100 keys)", false));
		browser.script("performance.clearResourceTimings();");
		browser.script("location.hash = '#/ns/SESSIONS/key?k=user%3A0001';");
		browser.heading("user:0001");
		report.append(PageWeight.weigh(browser, "key (one value)", false));
		Files.createDirectories(Chromium.ARTIFACTS);
		Files.writeString(Chromium.ARTIFACTS.resolve("page-weight.txt"), report);
		System.out.print(report);
		assertThat(report).contains("namespaces");
	}

}
