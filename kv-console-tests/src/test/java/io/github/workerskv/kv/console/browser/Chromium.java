package io.github.workerskv.kv.console.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium for a test class, driven by Debian's chromedriver (never a browser or driver
 * that a tool downloads). Launched with the flags this machine needs (no sandbox as root, no GPU, no background
 * networking, which the closed network refuses) and a fresh profile directory, deleted on {@link #close()}.
 *
 * <p>Where Chromium or chromedriver is missing the test class is skipped and says so, unless
 * {@code KV_BROWSER_TESTS=required} (as {@code .ci/run} sets), which makes it fail instead.
 */
final class Chromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("kv.console.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("kv.console.chromedriver", "/usr/bin/chromedriver"));

	static final Path ARTIFACTS = Path.of(System.getProperty("kv.console.artifacts", "target/console-screenshots"));

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final ChromeDriver driver;

	private final Path profile;

	private final Path downloads;

	private Chromium(ChromeDriver driver, Path profile, Path downloads) {
		this.driver = driver;
		this.profile = profile;
		this.downloads = downloads;
	}

	/** Starts a browser, or skips (fails, when browser tests are required) the test class if there is none. */
	static Chromium start() {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present) {
			String missing = "Debian's Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
					+ " (apt-get install chromium chromium-driver)";
			if ("required".equals(System.getenv("KV_BROWSER_TESTS"))) {
				throw new IllegalStateException(missing + ", and KV_BROWSER_TESTS=required");
			}
			Assumptions.abort("Browser tests skipped: " + missing);
		}
		try {
			Path profile = Files.createTempDirectory("kv-console-chromium-");
			Path downloads = Files.createDirectories(profile.resolve("downloads"));
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
					"--user-data-dir=" + profile.resolve("profile"), "--window-size=1280,900", "--lang=en-US");
			options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
					"download.prompt_for_download", false));
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
			return new Chromium(driver, profile, downloads);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	WebDriver driver() {
		return this.driver;
	}

	/** Loads a page that is not the console's (a sign-in page, a refusal, a JSON answer). */
	void go(String url) {
		this.driver.get(url);
	}

	/**
	 * Loads the page afresh (a change of the part after # alone would not reload it) and waits until the console
	 * has rendered that route.
	 */
	void open(String url) {
		this.driver.get("about:blank");
		this.driver.get(url);
		if (!url.contains("/kv-console/")) {
			return;
		}
		int hash = url.indexOf('#');
		String route = (hash >= 0) ? url.substring(hash) : "";
		waitFor((d) -> route.equals(script("return document.documentElement.dataset.route ?? null;")) ? true : null);
	}

	/** Waits (bounded) until the condition holds, and returns what it returned. */
	<T> T waitFor(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
	}

	WebElement find(By by) {
		return waitFor((d) -> {
			List<WebElement> found = d.findElements(by);
			return (!found.isEmpty() && found.get(0).isDisplayed()) ? found.get(0) : null;
		});
	}

	/** Waits until the element's text contains the text, and returns the element. */
	WebElement text(By by, String text) {
		return waitFor((d) -> {
			List<WebElement> found = d.findElements(by);
			return (!found.isEmpty() && found.get(0).getText().contains(text)) ? found.get(0) : null;
		});
	}

	/** The page's main heading, once it reads {@code text}. */
	WebElement heading(String text) {
		return text(By.cssSelector("main h1"), text);
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	Object asyncScript(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(script, args);
	}

	WebElement active() {
		return this.driver.switchTo().activeElement();
	}

	/** Saves a PNG of the window under target/console-screenshots. */
	Path screenshot(String name) {
		try {
			Files.createDirectories(ARTIFACTS);
			Path file = ARTIFACTS.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits for a finished download and returns it. */
	Path download(String name) {
		Path file = this.downloads.resolve(name);
		return waitFor((d) -> Files.isRegularFile(file) && !Files.exists(this.downloads.resolve(name + ".crdownload"))
				? file : null);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a left-over temporary profile is harmless
			}
		}
	}

}
