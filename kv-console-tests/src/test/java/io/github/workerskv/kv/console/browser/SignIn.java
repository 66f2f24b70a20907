package io.github.workerskv.kv.console.browser;

import org.openqa.selenium.By;

/** Signs in through Spring Security's generated sign-in page, as a person would. */
final class SignIn {

	private SignIn() {
	}

	static void as(Chromium browser, String base, String user) {
		browser.go(base + "/login");
		browser.find(By.id("username")).sendKeys(user);
		browser.find(By.id("password")).sendKeys(ConsoleTestApplication.PASSWORD);
		browser.find(By.cssSelector("button[type=submit]")).click();
		browser.waitFor((d) -> !d.getCurrentUrl().contains("/login"));
	}

}
