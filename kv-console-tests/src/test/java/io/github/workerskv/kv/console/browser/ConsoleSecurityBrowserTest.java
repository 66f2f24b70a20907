package io.github.workerskv.kv.console.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** With Spring Security, the console needs a signed-in user with its role: others are refused, pages and API. */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cloudflare.kv.console.enabled=true", "cloudflare.kv.namespaces.SESSIONS.id=sessions",
				"server.address=127.0.0.1" })
class ConsoleSecurityBrowserTest {

	private static Chromium browser;

	@Value("${local.server.port}")
	int port;

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

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	@Test
	void anonymousVisitorsAreSentToSignIn() {
		browser.driver().manage().deleteAllCookies();
		browser.go(base() + "/kv-console/");
		browser.waitFor((d) -> d.getCurrentUrl().endsWith("/login") ? true : null);
		assertThat(browser.driver().getPageSource()).doesNotContain("assets/app.js");
	}

	@Test
	void aUserWithoutTheRoleIsRefusedThePagesAndTheApi() {
		browser.driver().manage().deleteAllCookies();
		SignIn.as(browser, base(), ConsoleTestApplication.VIEWER);
		browser.go(base() + "/kv-console/");
		assertThat(browser.text(By.cssSelector("main h1"), "Not allowed").getText()).isEqualTo("Not allowed");
		assertThat(browser.find(By.cssSelector("main p[role=alert]")).getText())
			.isEqualTo("The KV console needs the role KV_CONSOLE; viewer does not have it.");
		browser.screenshot("refused");
		browser.go(base() + "/kv-console/api/session");
		assertThat(browser.find(By.tagName("body")).getText())
			.isEqualTo("{\"error\":\"The KV console needs the role KV_CONSOLE; viewer does not have it.\"}");
		browser.go(base() + "/kv-console/assets/app.js");
		assertThat(browser.find(By.tagName("body")).getText()).contains("The KV console needs the role KV_CONSOLE");
	}

	@Test
	void aUserWithTheRoleGetsTheConsole() {
		browser.driver().manage().deleteAllCookies();
		SignIn.as(browser, base(), ConsoleTestApplication.ADMIN);
		browser.open(base() + "/kv-console/#/");
		browser.heading("Namespaces");
		assertThat(browser.find(By.linkText("SESSIONS")).isDisplayed()).isTrue();
	}

}
