package io.quantstream.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page of a month-long hourly backtest on real klines ({@link HeldPairBacktest}),
 * opened from a {@code file://} URL in the Debian {@code chromium}, headless, driven by Selenium
 * through the Debian {@code chromedriver}: it loads without a console error and without a single
 * request, both charts draw their series, and every statistic it shows is the one in
 * {@code stats.json}.
 *
 * <p>Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the test is skipped, or
 * fails when {@code CI=true} ({@code .ci/run} installs both).
 */
class ReportPageITCase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;

    private static ChromeDriver browser;
    private static JsonNode stats;
    private static List<LogEntry> pageLog;

    @BeforeAll
    static void openReportPage() throws Exception {
        requireChromium();
        BacktestReport.write(dir.resolve("report"), HeldPairBacktest.input());
        stats = new ObjectMapper().readTree(dir.resolve("report/stats.json").toFile());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1800",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.get(dir.resolve("report/report.html").toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> "true".equals(script(
                "return document.getElementById('equity-chart').dataset.drawn === 'true'"
                        + " && document.getElementById('drawdown-chart').dataset.drawn === 'true'"
                        + " ? 'true' : 'false'")));
        pageLog = browser.manage().logs().get(LogType.BROWSER).getAll();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageOpensFromAFileUrlWithoutConsoleErrorsAndRequestsNothing() {
        assertThat(browser.getCurrentUrl()).startsWith("file:///");
        assertThat(pageLog).noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(script("return String(performance.getEntriesByType('resource').length)"))
                .isEqualTo("0");
        // the log is really read: an error the page logs now shows up in it
        script("console.error('probe from the test'); return ''");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .anyMatch(e -> e.getLevel() == Level.SEVERE
                        && e.getMessage().contains("probe from the test"));
    }

    @Test
    void bothChartsDrawTheirSeries() {
        // pixels of exactly the series' stroke colour: the line itself, not axes or grid
        for (String[] chart : List.of(new String[] {"equity-chart", "31,119,180"},
                new String[] {"drawdown-chart", "214,39,40"})) {
            String counted = script("const c = document.querySelector('#" + chart[0]
                    + " canvas'); const rgb = [" + chart[1] + "];"
                    + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + " let n = 0; for (let i = 0; i < d.length; i += 4) {"
                    + " if (d[i] === rgb[0] && d[i + 1] === rgb[1] && d[i + 2] === rgb[2]"
                    + " && d[i + 3] === 255) n++; }"
                    + " return c.width + ' ' + n;");
            int width = Integer.parseInt(counted.split(" ")[0]);
            int pixels = Integer.parseInt(counted.split(" ")[1]);
            assertThat(width).as(chart[0] + " canvas width").isGreaterThan(300);
            assertThat(pixels).as(chart[0] + " series pixels").isGreaterThan(width / 2);
        }
    }

    @Test
    void everyStatisticOnThePageEqualsStatsJson() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#statistics tr[data-stat]"));
        assertThat(rows.stream().map(r -> r.getAttribute("data-stat")).toList()).contains(
                "totalReturn", "cagr", "annualizedVolatility", "sharpe", "sortino", "calmar",
                "maxDrawdown.depth", "maxDrawdown.peakTime", "maxDrawdown.troughTime",
                "maxDrawdown.recoveryTime", "turnover", "fees", "funding", "hitRate");
        for (WebElement row : rows) {
            String key = row.getAttribute("data-stat");
            JsonNode value = stats.at("/" + key.replace('.', '/'));
            assertThat(value.isMissingNode()).as(key + " in stats.json").isFalse();
            assertShown(key, row.findElement(By.tagName("td")).getText(), value);
        }
        List<WebElement> instruments =
                browser.findElements(By.cssSelector("#instruments tr[data-instrument]"));
        assertThat(instruments).hasSize(stats.get("instruments").size()).hasSize(2);
        String[] fields = {"realizedPnl", "unrealizedPnl", "fees", "funding", "pnl"};
        for (WebElement row : instruments) {
            String key = row.getAttribute("data-instrument");
            List<WebElement> cells = row.findElements(By.tagName("td"));
            for (int i = 0; i < fields.length; i++) {
                assertShown(key + " " + fields[i], cells.get(i).getText(),
                        stats.get("instruments").get(key).get(fields[i]));
            }
        }
    }

    /**
     * {@code shown} is {@code value} as the page writes it: {@code n/a} (or {@code not
     * recovered}) for null, an instant,
     * a percentage or a number, equal up to the last digit shown (half a unit of it).
     */
    private static void assertShown(String what, String shown, JsonNode value) {
        if (shown.equals("n/a") || shown.equals("not recovered")) {
            assertThat(value.isNull()).as(what + " shown as " + shown).isTrue();
        } else if (shown.endsWith("Z")) {
            assertThat(Instant.parse(shown).toEpochMilli()).as(what).isEqualTo(value.asLong());
        } else {
            boolean percent = shown.endsWith(" %");
            String number = shown.replace(" %", "").replace(",", "");
            int decimals = number.contains(".") ? number.length() - number.indexOf('.') - 1 : 0;
            double expected = value.asDouble() * (percent ? 100 : 1);
            assertThat(value.isNumber()).as(what + " is a number in stats.json").isTrue();
            assertThat(Double.parseDouble(number)).as(what + " shown as " + shown)
                    .isCloseTo(expected, within(
                            0.5 * Math.pow(10, -decimals) + 1e-9 * Math.abs(expected)));
        }
    }

    private static String script(String javascript) {
        return (String) ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "the report page test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}
