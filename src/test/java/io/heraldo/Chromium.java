package io.heraldo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven headless by its own chromedriver, for the browser tests: a profile and home of its own
 * under {@code target/} (nothing of the machine's user is read or written), Spanish as the browser's language.
 */
public final class Chromium {

    private Chromium() {
    }

    /**
     * @param name names the profile's folder, so browser tests never share one
     * @param width the window's width in CSS pixels (a phone's 412, a desk's 1280)
     */
    public static ChromeDriver open(String name, int width, int height) throws IOException {
        Path home = Files.createDirectories(Path.of("target", "chromium-home-" + name)).toAbsolutePath();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=" + width + "," + height,
                        "--user-data-dir=" + home.resolve("profile"))
                .addArguments("--lang=es");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .withEnvironment(Map.of("XDG_CONFIG_HOME", home.toString(), "XDG_CACHE_HOME", home.toString(),
                        "HOME", home.toString()))
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }
}
