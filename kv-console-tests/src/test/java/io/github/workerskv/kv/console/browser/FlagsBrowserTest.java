package io.github.workerskv.kv.console.browser;

import java.nio.file.Files;
import java.util.List;

import io.github.workerskv.kv.flags.AuditEntry;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.flags.FlagContext;
import io.github.workerskv.kv.flags.FlagEvaluation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's flag pages in Chromium, on an application with one binding (so the flags are on) and Spring
 * Security: toggling a flag and seeing its evaluation and the audit entry change, editing a rollout and seeing
 * the preview for a targeting key, the CSRF and role refusals, and the keyboard.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cloudflare.kv.console.enabled=true", "cloudflare.kv.namespaces.FLAGS.id=flags",
				"server.address=127.0.0.1" })
class FlagsBrowserTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Chromium browser;

	private static boolean seeded;

	private static String signedInAs;

	@Value("${local.server.port}")
	int port;

	@Autowired
	FeatureFlags flags;

	@Autowired
	FeatureFlagsAdmin admin;

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
	void seedAndSignIn() {
		if (!seeded) {
			this.admin.setDocument(JSON.readTree("""
					{"newCheckout": false, "theme": "light",
					 "color": {"state": "ENABLED", "variants": {"red": "red", "blue": "blue"}, "defaultVariant": "red",
					           "targeting": {"fractional": [["red", 50], ["blue", 50]]}}}
					"""), FlagChange.by("setup").withReason("first flags"));
			this.admin.setUserFlag("vip-1", "newCheckout", JSON.readTree("true"), FlagChange.by("setup"));
			seeded = true;
		}
		if (!ConsoleTestApplication.ADMIN.equals(signedInAs)) {
			browser.driver().manage().deleteAllCookies();
			SignIn.as(browser, base(), ConsoleTestApplication.ADMIN);
			signedInAs = ConsoleTestApplication.ADMIN;
		}
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private String console(String hash) {
		return base() + "/kv-console/#" + hash;
	}

	@Test
	void togglingAFlagChangesItsEvaluationAndAppearsInTheAuditTrail() {
		browser.open(console("/flags"));
		browser.heading("Feature flags");
		assertThat(browser.find(By.id("nav-flags")).getText()).isEqualTo("Flags");
		assertThat(browser.text(By.cssSelector("#global-flags caption"), "version").getText())
			.startsWith("flags:global: version ");
		assertThat(browser.find(By.id("users")).getText()).contains("vip-1");
		preview("user-42");
		assertThat(previewValue("newCheckout")).isEqualTo("false");

		browser.find(By.cssSelector("button[aria-label='Turn on newCheckout']")).click();

		browser.find(By.cssSelector("#global-flags button[aria-label='Turn off newCheckout']"));
		browser.waitFor((d) -> "true".equals(previewValue("newCheckout")) ? true : null);
		assertThat(browser.active().getAttribute("aria-label")).as("focus stays on the toggle")
			.isEqualTo("Turn off newCheckout");
		assertThat(this.flags.isEnabled("newCheckout", FlagContext.of("user-42"))).isTrue();
		AuditEntry newest = this.admin.auditLog(1, null).entries().get(0);
		assertThat(newest.actor()).isEqualTo(ConsoleTestApplication.ADMIN);
		assertThat(newest.reason()).isEqualTo("Turned on in the console");
		WebElement first = browser.find(By.cssSelector("#audit tbody tr:first-child"));
		assertThat(first.findElement(By.cssSelector(".audit-actor")).getText()).isEqualTo("admin");
		assertThat(first.findElement(By.cssSelector(".audit-change")).getText()).isEqualTo("newCheckout: false → true");
		browser.script("window.scrollTo(0, 0);");
		browser.screenshot("flags");

		browser.open(console("/flags/audit"));
		browser.heading("Audit trail");
		List<String> actors = browser.driver().findElements(By.cssSelector("#audit .audit-actor"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(actors).first().isEqualTo("admin");
		assertThat(actors).last().isEqualTo("setup");
	}

	@Test
	void editingARolloutPercentageChangesThePreviewForATargetingKey() {
		browser.open(console("/flags/flag?name=color"));
		browser.heading("Flag color");
		WebElement red = browser.find(By.id("f-rollout-0"));
		WebElement blue = browser.find(By.id("f-rollout-1"));
		assertThat(browser.find(By.cssSelector("label[for=f-rollout-0]")).getText()).isEqualTo("Percentage for red");
		assertThat(red.getAttribute("value")).isEqualTo("50");
		preview("user-42");
		FlagEvaluation<String> before = this.flags.getStringDetails("color", "none", FlagContext.of("user-42"));
		assertThat(previewValue("color")).isEqualTo("\"" + before.value() + "\"");
		long version = this.admin.global().version();

		red.clear();
		red.sendKeys("30");
		browser.find(By.id("save-flag")).click();
		assertThat(browser.text(By.id("f-rollout-error"), "add up").getText())
			.isEqualTo("The percentages add up to 80; they must add up to 100.");
		assertThat(this.admin.global().version()).as("nothing written").isEqualTo(version);

		red.clear();
		red.sendKeys("0");
		blue.clear();
		blue.sendKeys("100");
		browser.find(By.id("f-reason")).sendKeys("everyone gets blue");
		browser.find(By.id("save-flag")).click();

		browser.waitFor((d) -> String.valueOf(d.getCurrentUrl()).contains("saved=") ? true : null);
		browser.heading("Flag color");
		browser.waitFor((d) -> "\"blue\"".equals(previewValue("color")) ? true : null);
		FlagEvaluation<String> after = this.flags.getStringDetails("color", "none", FlagContext.of("user-42"));
		assertThat(after.value()).isEqualTo("blue");
		assertThat(browser.find(By.cssSelector("#preview tr[data-flag=color] .preview-variant")).getText())
			.isEqualTo(after.variant());
		assertThat(browser.find(By.cssSelector("#preview tr[data-flag=color] .preview-reason")).getText())
			.isEqualTo(after.reason().name());
		assertThat(browser.find(By.id("f-rollout-1")).getAttribute("value")).isEqualTo("100");
		AuditEntry newest = this.admin.auditLog(1, null).entries().get(0);
		assertThat(newest.actor()).isEqualTo("admin");
		assertThat(newest.reason()).isEqualTo("everyone gets blue");
		assertThat(newest.after().path("color").path("targeting").toString())
			.isEqualTo("{\"fractional\":[[\"blue\",100]]}");
		browser.script("document.getElementById('variants').scrollIntoView({ block: 'start' });");
		browser.screenshot("flag-rollout");
	}

	@Test
	void aNewFlagNeitherTakesAnExistingNameNorSavesWhatFlagdWouldRefuse() {
		browser.open(console("/flags/flag"));
		browser.heading("New flag");
		long version = this.admin.global().version();
		browser.find(By.id("f-flag")).sendKeys("theme");
		browser.find(By.id("save-flag")).click();
		assertThat(browser.text(By.id("f-flag-error"), "already").getText())
			.isEqualTo("flags:global already has a flag theme: edit it instead.");
		assertThat(browser.find(By.id("f-flag")).getAttribute("aria-invalid")).isEqualTo("true");
		WebElement name = browser.find(By.id("f-flag"));
		name.clear();
		name.sendKeys("banner");
		browser.find(By.cssSelector("input[name=kind][value=definition]")).click();
		new Select(browser.find(By.id("f-default"))).selectByValue("on");
		WebElement off = browser.find(By.id("f-variant-value-1"));
		off.clear();
		off.sendKeys("\"no\"");
		browser.find(By.id("save-flag")).click();
		assertThat(browser.text(By.id("f-variants-error"), "type").getText()).as("the admin's own validation")
			.contains("all variants must be of one type");
		assertThat(this.admin.global().version()).as("nothing written").isEqualTo(version);
	}

		@Test
	void refusesWritesWithoutSpringSecuritysCsrfTokenOrTheConsolesToken() {
		browser.open(console("/flags"));
		browser.heading("Feature flags");
		String script = """
				const done = arguments[arguments.length - 1];
				fetch('api/session').then((r) => r.json()).then(async (session) => {
				  const all = session.writeHeaders;
				  const pick = (names) => Object.fromEntries(Object.entries(all).filter(([n]) => names(n)));
				  const post = (headers) => fetch('api/flags/flag', { method: 'POST',
				    headers: { 'Content-Type': 'application/json', ...headers },
				    body: JSON.stringify({ flag: 'forged', value: true }) }).then((r) => r.status);
				  done([await post(pick((n) => n !== 'X-KV-Console-Token')),
				    await post(pick((n) => n === 'X-KV-Console-Token')),
				    await post({})]);
				});
				""";
		@SuppressWarnings("unchecked")
		List<Long> statuses = (List<Long>) browser.asyncScript(script);
		assertThat(statuses).containsExactly(403L, 403L, 403L);
		assertThat(this.admin.global().document().has("forged")).isFalse();
	}

	@Test
	void aUserWithoutTheRoleIsRefusedTheFlagPagesAndTheirApi() {
		browser.driver().manage().deleteAllCookies();
		signedInAs = null;
		SignIn.as(browser, base(), ConsoleTestApplication.VIEWER);
		signedInAs = ConsoleTestApplication.VIEWER;
		browser.go(base() + "/kv-console/#/flags");
		assertThat(browser.text(By.cssSelector("main h1"), "Not allowed").getText()).isEqualTo("Not allowed");
		browser.go(base() + "/kv-console/api/flags");
		assertThat(browser.find(By.tagName("body")).getText())
			.isEqualTo("{\"error\":\"The KV console needs the role KV_CONSOLE; viewer does not have it.\"}");
		browser.go(base() + "/kv-console/assets/flags.js");
		assertThat(browser.find(By.tagName("body")).getText()).contains("The KV console needs the role KV_CONSOLE");
	}

	@Test
	void worksFromTheKeyboard() {
		browser.open(console("/"));
		browser.heading("Namespaces");
		WebElement focused = null;
		for (int i = 0; i < 12; i++) {
			browser.active().sendKeys(Keys.TAB);
			focused = browser.active();
			if ("Flags".equals(focused.getText())) {
				break;
			}
		}
		assertThat(focused.getText()).isEqualTo("Flags");
		focused.sendKeys(Keys.ENTER);
		browser.heading("Feature flags");
		WebElement key = tabTo("preview-key");
		key.sendKeys("vip-1", Keys.ENTER);
		browser.waitFor((d) -> "true".equals(previewValue("newCheckout")) ? true : null);
		assertThat(browser.find(By.cssSelector("#preview tr[data-flag=newCheckout] .preview-reason")).getText())
			.isEqualTo(this.flags.getBooleanDetails("newCheckout", false, FlagContext.of("vip-1")).reason().name());
	}

	@Test
	void everyControlOfTheFlagPagesHasALabel() {
		for (String page : List.of("/flags", "/flags/flag?name=color", "/flags/flag?name=theme", "/flags/flag",
				"/flags/user?id=vip-1", "/flags/audit")) {
			browser.open(console(page));
			browser.find(By.cssSelector("main h1"));
			Object unlabelled = browser.script("""
					return [...document.querySelectorAll('main input, main select, main textarea, main button')]
					  .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
					  .map((el) => el.outerHTML);
					""");
			assertThat((List<?>) unlabelled).as(page).isEmpty();
		}
		browser.open(console("/flags/flag?name=color"));
		assertThat(browser.find(By.id("f-rollout-on")).isSelected()).isTrue();
		assertThat(browser.driver().findElement(By.id("f-targeting")).isDisplayed())
			.as("a percentage rollout hides the targeting rules").isFalse();
		assertThat(browser.driver().findElement(By.id("f-value")).isDisplayed()).as("a definition is no plain value")
			.isFalse();
	}

	@Test
	void measuresWhatTheFlagPagesWeigh() throws Exception {
		StringBuilder report = new StringBuilder();
		browser.open(base() + "/kv-console/?fresh=" + System.nanoTime() + "#/flags");
		browser.heading("Feature flags");
		browser.find(By.id("audit"));
		report.append(PageWeight.weigh(browser, "flags (first load: page, styles, scripts, session, documents, audit)", true));
		browser.script("performance.clearResourceTimings();");
		preview("user-42");
		report.append(PageWeight.weigh(browser, "flags preview (every flag for one key)", false));
		browser.script("performance.clearResourceTimings();");
		browser.script("location.hash = '#/flags/flag?name=color';");
		browser.heading("Flag color");
		report.append(PageWeight.weigh(browser, "flag editor", false));
		Files.createDirectories(Chromium.ARTIFACTS);
		Files.writeString(Chromium.ARTIFACTS.resolve("page-weight-flags.txt"), report);
		System.out.print(report);
		assertThat(report).contains("assets/flags.js");
	}

	/** Tabs forward (bounded) until the element with this id has the focus. */
	private static WebElement tabTo(String id) {
		for (int i = 0; i < 60; i++) {
			if (id.equals(browser.active().getAttribute("id"))) {
				return browser.active();
			}
			browser.active().sendKeys(Keys.TAB);
		}
		throw new AssertionError("Tabbing did not reach #" + id);
	}

	private static void preview(String key) {
		WebElement input = browser.find(By.id("preview-key"));
		input.clear();
		input.sendKeys(key);
		browser.find(By.id("preview-run")).click();
		browser.text(By.cssSelector("#preview caption"), key);
	}

	private static String previewValue(String flag) {
		List<WebElement> cells = browser.driver()
			.findElements(By.cssSelector("#preview tr[data-flag='" + flag + "'] .preview-value"));
		return cells.isEmpty() ? null : cells.get(0).getText();
	}

}
