package org.helpline.router.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium driven through chromedriver, with a fresh profile each time. Chromium is
 * required: without it the test fails and says how to install it (scripts/test does so on Debian).
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("console.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("console.test.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static ConsoleBrowser start() throws IOException {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                fail(binary + " is missing: the console's browser test needs Chromium and its driver. Run ./scripts/test "
                        + "(installs them on Debian as root), or `apt-get install -y chromium chromium-driver`, or point "
                        + "-Dconsole.test.chromium / -Dconsole.test.chromedriver at them.");
            }
        }
        Path profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        Path downloads = Files.createDirectories(profile.resolve("downloads"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1100", "--lang=fr-FR");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                // Date and time fields follow the environment's language, not --lang: French, as the page.
                .withEnvironment(Map.of("LANGUAGE", "fr", "LANG", "fr_FR.UTF-8")).build();
        return new ConsoleBrowser(new ChromeDriver(service, options), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Where the page's downloads land. */
    Path downloads() {
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", profile.resolve("downloads").toString()));
        return profile.resolve("downloads");
    }

    /** Types into a field after clearing it, as a person would. */
    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Sets a date, time or date-time field. Their keyboard entry depends on the browser's locale, so the value
     * is set the way the picker does it, with the same input and change events.
     */
    void fill(String css, String value) {
        driver.executeScript("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
                css, value);
    }

    /** Visible elements matching the selector. */
    List<WebElement> visible(String css) {
        return driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
    }

    /**
     * Saves the whole page as {@code <name>.png} under {@code -Dconsole.screenshots} (default target/screenshots);
     * scripts/screenshots points it at docs/screenshots for the README.
     */
    void shot(String name) throws IOException {
        fullScreenshot(Path.of(System.getProperty("console.screenshots", "target/screenshots"), name + ".png"));
    }

    /** The whole page, beyond the window's height, as a PNG (for the README's screenshots). */
    void fullScreenshot(Path target) throws IOException {
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    void open(String url) {
        driver.get(url);
    }

    void signIn(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    /** The visible text of the first element matching the selector, if there is one. */
    Optional<String> text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).getText());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Script errors the page logged (failed requests the page expects, such as a 401 or 409, are left out). */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource")).toList();
    }

    /** Cuts the page off the network (in-flight requests fail), or lets it back on. */
    void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Makes requests to URLs matching these patterns fail (none: all allowed again). */
    void block(String... patterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    void screenshot(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
