package dev.resilience.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.springframework.util.FileSystemUtils;

/**
 * A headless Chromium driven by Selenium, from Debian's {@code chromium} and
 * {@code chromium-driver} packages ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver};
 * {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} point elsewhere). Without them the browser
 * tests fail, saying how to install them: they never pass silently.
 */
public final class Browser implements AutoCloseable {

	/** What a run without a browser says. */
	public static final String INSTALL = "The status page's browser tests need Chromium and its driver: install them "
			+ "with 'apt-get install -y chromium chromium-driver' (Debian/Ubuntu, as root; .ci/run does this when it "
			+ "runs as root), or set CHROMIUM_BIN and CHROMEDRIVER_BIN to a Chromium and a matching chromedriver.";

	private final ChromeDriver driver;

	private final Path profile;

	/** Starts a headless Chromium with a fresh profile and no network of its own. */
	public Browser() {
		File chromium = executable("CHROMIUM_BIN", "/usr/bin/chromium");
		File chromedriver = executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
		try {
			this.profile = Files.createTempDirectory("chromium-profile");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions().setBinary(chromium)
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--window-size=1280,1200",
					"--user-data-dir=" + this.profile);
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
	}

	private static File executable(String variable, String standard) {
		String configured = System.getenv(variable);
		File file = new File((configured != null && !configured.isBlank()) ? configured : standard);
		if (!file.canExecute()) {
			throw new IllegalStateException("No executable " + file + ". " + INSTALL);
		}
		return file;
	}

	/** @param url the page to open */
	public void open(String url) {
		this.driver.get(url);
	}

	/** @return the element, or an exception if there is none */
	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	/** @return the elements */
	public List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** @return the element's rendered text, or {@code ""} if there is no such element */
	public String text(String css) {
		List<WebElement> found = findAll(css);
		return found.isEmpty() ? "" : found.get(0).getText();
	}

	/** @return what the script returns */
	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** @return the console messages at SEVERE level (JavaScript errors, failed loads) since the last call */
	public List<String> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/** Saves what the browser shows now as a PNG. */
	public Path screenshot(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			return Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), file,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

}
