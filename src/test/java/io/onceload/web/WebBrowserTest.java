package io.onceload.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.testing.Cli;
import io.onceload.testing.LandingFiles;
import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web view in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, offline): the
 * grid's cells against the run history, a failed run's page against {@code runs --json}, and a hostile file name
 * shown as text.
 */
class WebBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String HOSTILE = "<img src=x onerror=alert(1)>.csv";

    @TempDir
    Path home;

    private Process service;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no browser: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
                        + " to run the web view's browser test");
        Orders.reset();
        TestDatabase.execute("DELETE FROM onceload.outbox");
        Files.createDirectories(home.resolve("routes"));
        Files.createDirectories(home.resolve("inbox/orders"));
        LandingFiles landing = new LandingFiles(home.resolve("landing"));
        Files.writeString(home.resolve("routes/orders.camel.yaml"), TestApp.pipeline("orders"));
        Files.writeString(home.resolve("routes/daily.camel.yaml"), TestApp.pipeline("daily", "table", "orders",
                "source", landing.pattern()));
        service = ServiceProcess.start(home, "service.log");
        TestApp.await("the web view", Duration.ofSeconds(60), () -> Files.exists(home.resolve("data/http.properties")));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path good = landing.write(today.minusDays(3));
        Files.copy(good, home.resolve("landing/orders_" + today.minusDays(2) + ".csv")); // the same content
        landing.write(today.minusDays(1), "1,not-a-number,2026-11-21,paid,1.00,EUR,2026-11-21T00:00:00Z\n");
        for (int back = 3; back >= 0; back--) {
            Cli.run(home, "trigger", "daily", "--date", today.minusDays(back).toString());
        }
        Files.writeString(home.resolve("inbox/orders/.hostile.part"), LandingFiles.HEADER + "9,x,bad\n");
        Files.move(home.resolve("inbox/orders/.hostile.part"), home.resolve("inbox/orders").resolve(HOSTILE));
        TestApp.await("the hostile file's run", Duration.ofSeconds(60), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.run WHERE pipeline = 'orders'") == 1);

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
                options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
    }

    @Test
    void theGridShowsEachDatesStatusAndAFailedRunReadsAsRunsJsonSaysWithTheHostileNameAsText() throws Exception {
        String base = WebView.url(home.resolve("data"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        browser.get(base);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.pipeline[data-pipeline=daily]")));

        assertThat(cell("daily", today.minusDays(3))).isEqualTo("published");
        assertThat(cell("daily", today.minusDays(2))).isEqualTo("skipped");
        assertThat(cell("daily", today.minusDays(1))).isEqualTo("failed");
        assertThat(cell("daily", today)).isEqualTo("missing-input");
        assertThat(cell("orders", today)).isEqualTo("failed");
        assertThat(browser.findElements(By.cssSelector("#legend li"))).hasSizeGreaterThanOrEqualTo(8);
        Path shots = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(shots.resolve("grid.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.cssSelector("tr.pipeline[data-pipeline=orders] a[data-date='" + today + "']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "orders"));
        JsonNode expected = new ObjectMapper().readTree(Cli.run(home, "runs", "orders", "--json").out().lines()
                .findFirst().orElseThrow());
        assertThat(fact("file")).as("the hostile name, literally").isEqualTo(HOSTILE);
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo(expected.get("error").asText());
        assertThat(browser.findElement(By.cssSelector("td[data-count=rejected]")).getText())
                .isEqualTo(expected.get("rejected").asText());
        assertThat(browser.findElement(By.cssSelector("td[data-count=rows_read]")).getText())
                .isEqualTo(expected.get("rows_read").asText());
        assertThat(fact("run")).isEqualTo(expected.get("run_id").asText());
        assertThat(browser.findElements(By.tagName("img"))).as("no element injected").isEmpty();
        assertThat(browser.getTitle()).isEqualTo("onceload · orders " + today);
        Files.write(shots.resolve("run.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String cell(String pipeline, LocalDate date) {
        List<WebElement> cells = browser.findElements(By.cssSelector("tr.pipeline[data-pipeline=" + pipeline
                + "] a[data-date='" + date + "']"));
        assertThat(cells).as(pipeline + " " + date).hasSize(1);
        return cells.get(0).getAttribute("data-status");
    }

    private String fact(String name) {
        return browser.findElement(By.cssSelector("dd[data-fact='" + name + "']")).getText();
    }
}
