package autotrader.backtest;

import autotrader.web.HeadlessChromium;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html opened from disk in headless Chromium: every chart draws on its canvas, the console
 * shows no error, and the page fetched nothing (it stands alone). Switching the symbol redraws.
 * Leaves pictures of two charts in target/report-equity.png and target/report-symbol.png.
 */
@Timeout(180)
class ReportPageTest {

    @TempDir
    Path dir;

    private ChromeDriver driver;

    @AfterEach
    void close() {
        if (driver != null) driver.quit();
    }

    @Test
    void theReportsChartsRenderOfflineWithoutErrors() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path html = ReportWriterTest.writeReport(dir);
        driver = HeadlessChromium.start(dir);
        driver.get(html.toUri().toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        try {
            wait.until(d -> "5".equals(d.findElement(By.tagName("body")).getDomAttribute("data-charts")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the charts did not draw (body data-charts " + driver.findElement(By.tagName("body")).getDomAttribute("data-charts")
                    + ", uPlot " + ((JavascriptExecutor) driver).executeScript("return typeof uPlot") + "); console: "
                    + HeadlessChromium.consoleErrors(driver), e);
        }

        for (String id : List.of("chart-equity", "chart-drawdown", "chart-confidence", "chart-calibration", "chart-symbol")) {
            assertEquals("true", driver.findElement(By.id(id)).getDomAttribute("data-rendered"), id);
            assertTrue(HeadlessChromium.paintedPixels(driver, "#" + id + " canvas") > 2_000, id + " drew on its canvas");
        }
        // The equity chart's legend names the strategy and the three baselines.
        String legend = driver.findElement(By.cssSelector("#chart-equity .u-legend")).getText();
        for (String s : List.of("strategy", "SPY buy and hold", "scanner only", "random entries")) assertTrue(legend.contains(s), legend);
        assertEquals(0L, ((Number) ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource').length")).longValue(),
                "the report loaded nothing from anywhere");

        Select symbol = new Select(driver.findElement(By.id("symbol-select")));
        assertEquals(3, symbol.getOptions().size());
        assertTrue(symbol.getFirstSelectedOption().getText().startsWith("S0 (4 trades)"), symbol.getFirstSelectedOption().getText());
        symbol.selectByIndex(1);
        wait.until(d -> d.findElement(By.cssSelector("#chart-symbol .u-legend")).getText().contains("S1 close"));
        assertEquals(1, driver.findElements(By.cssSelector("#chart-symbol canvas")).size(), "the previous symbol's chart is replaced");
        assertEquals(List.of(), HeadlessChromium.consoleErrors(driver), "no JavaScript errors");
        // A look at it for a person: target/report-charts.png.
        Files.copy(driver.findElement(By.id("chart-equity")).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                Path.of("target", "report-equity.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(driver.findElement(By.id("chart-symbol")).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                Path.of("target", "report-symbol.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
