package autotrader.web;

import autotrader.orders.OrderRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The desk page in Debian's headless Chromium (through the system chromedriver; nothing is
 * downloaded): it loads, shows the sim cycle's BUY signals and the PAPER badge, and Execute, after
 * its confirmation and the token, makes exactly one paper order; the equity curve is drawn by uPlot
 * with no JavaScript error. Leaves a screenshot in
 * target/desk.png (docs/desk.png is a copy of one).
 */
@Timeout(240)
class DeskPageTest {

    private static final String TOKEN = "page-test-token";

    @TempDir
    Path dir;

    private DeskFixture f;
    private ChromeDriver driver;

    @AfterEach
    void close() {
        if (driver != null) driver.quit();
        if (f != null) f.close();
    }

    @Test
    void thePageShowsTheCyclesBuysAndExecuteMakesExactlyOnePaperOrder() throws Exception {
        HeadlessChromium.assumeInstalled();
        f = DeskFixture.start(dir, TOKEN);
        CycleTrigger.CycleRun run = f.cycles.runNow().orElseThrow();
        assertFalse(run.evaluation().intents().isEmpty(), "the cycle made intents");
        JsonNode top = api("/api/signals?decision=BUY&limit=10");
        List<String> expected = new ArrayList<>();
        for (JsonNode s : top.get("signals")) expected.add(s.get("symbol").asText());
        assertFalse(expected.isEmpty());

        driver = HeadlessChromium.start(dir);
        driver.get(f.server.url());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        List<String> shown = new ArrayList<>();
        for (WebElement row : driver.findElements(By.cssSelector("#signals tbody tr"))) shown.add(row.getDomAttribute("data-symbol"));
        assertEquals(expected, shown, "the top BUY signals, best confidence first");
        WebElement mode = driver.findElement(By.id("mode"));
        assertTrue(mode.isDisplayed());
        assertEquals("PAPER", mode.getText());
        assertTrue(Integer.parseInt(mode.getCssValue("font-size").replace("px", "")) >= 24, "PAPER in large letters");
        assertTrue(driver.findElement(By.id("simulated")).isDisplayed(), "the sim market is labelled SIMULATED");
        // The header says whether the model's BUYs can trade; each signal row carries its out-of-sample record.
        assertEquals(api("/api/health").get("trading").get("line").asText(), driver.findElement(By.id("trading")).getText());
        WebElement firstWhy = driver.findElement(By.cssSelector("#signals tbody tr td.why .evidence"));
        assertEquals(top.get("signals").get(0).get("evidence").asText(), firstWhy.getText());

        // Execute on the first row that has a pending intent: confirm dialog, token once, one order.
        WebElement button = driver.findElement(By.cssSelector("#signals button.execute"));
        long intentId = Long.parseLong(button.getDomAttribute("data-intent"));
        String symbol = button.getDomAttribute("data-symbol");
        assertEquals(0, f.allEntryOrders());
        button.click();
        WebElement dialog = driver.findElement(By.id("confirm"));
        wait.until(ExpectedConditions.visibilityOf(dialog));
        assertTrue(driver.findElement(By.id("confirm-title")).getText().contains(symbol));
        String details = driver.findElement(By.id("confirm-details")).getText();
        assertTrue(details.contains("Time exit") && (details.contains("at market after") || details.contains("none (stop or target only)")),
                "the trader sees when the trade is closed: " + details);
        assertEquals(0, f.allEntryOrders(), "nothing is sent before the confirmation");
        driver.findElement(By.id("token")).sendKeys(TOKEN);
        driver.findElement(By.id("confirm-ok")).click();
        wait.until(d -> d.findElement(By.id("message")).getDomAttribute("class").contains("ok"));
        assertTrue(driver.findElement(By.id("message")).getText().startsWith(symbol + ": approved"), driver.findElement(By.id("message")).getText());
        assertEquals(1, f.entryOrders(intentId), "exactly one paper order for the intent");
        assertEquals(1, f.allEntryOrders(), "and no other");
        assertEquals(TOKEN, ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('autotrader.webToken')"));
        wait.until(d -> d.findElements(By.cssSelector("#signals button.execute[data-intent='" + intentId + "']")).isEmpty());

        // A second Execute on another row: the token is not asked again.
        List<WebElement> more = driver.findElements(By.cssSelector("#signals button.execute"));
        if (!more.isEmpty()) {
            more.get(0).click();
            wait.until(ExpectedConditions.visibilityOf(dialog));
            assertFalse(driver.findElement(By.id("token-row")).isDisplayed(), "the token is kept for the session");
            driver.findElement(By.id("confirm-ok")).click();
            wait.until(d -> f.allEntryOrders() == 2);
        }

        // Fills on the next bars and a few account snapshots, as the monitor and reconcile jobs make them.
        for (int minute = 1; minute <= 4; minute++) {
            f.clock.advance(Duration.ofMinutes(1));
            f.monitorAndSnapshot();
        }
        ((JavascriptExecutor) driver).executeScript("refresh()");
        wait.until(d -> !d.findElements(By.cssSelector("#positions tbody tr")).isEmpty());
        // The equity curve: uPlot (from the daemon's WebJar) drew every snapshot on its canvas, on a time axis.
        JsonNode equity = api("/api/equity");
        int snapshots = equity.get("points").size();
        assertTrue(snapshots >= 2, equity.toString());
        wait.until(d -> String.valueOf(snapshots).equals(d.findElement(By.id("curve")).getDomAttribute("data-points")));
        assertEquals(1, driver.findElements(By.cssSelector("#curve .uplot canvas")).size(), "one chart, made once and refreshed");
        assertTrue(HeadlessChromium.paintedPixels(driver, "#curve canvas") > 2_000, "the curve is drawn");
        Object xs = ((JavascriptExecutor) driver).executeScript("return curveChart.data[0]");
        assertEquals(equity.get("points").get(0).get("t").asLong(), ((Number) ((List<?>) xs).get(0)).longValue(), "x is the snapshot's time");
        assertTrue(driver.findElement(By.id("curve-info")).getText().contains(snapshots + " account snapshots"));
        assertEquals(List.of(), HeadlessChromium.consoleErrors(driver), "no JavaScript errors");
        assertTrue(driver.findElements(By.cssSelector("#orders tbody tr")).size() >= 2);
        driver.executeScript("document.getElementById('message').hidden = true");

        Path shot = Path.of("target", "desk.png");
        Files.createDirectories(shot.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000);

        // The trader's controls: each asks confirm() first (answered yes here), then acts through the same services.
        driver.executeScript("window.confirm = () => true");
        String held = null;
        for (int attempt = 1; held == null; attempt++) {
            // The page re-renders its tables every 5 s: a row found just before a refresh is gone when clicked.
            try {
                WebElement close = driver.findElement(By.cssSelector("#positions button[data-close]"));
                String row = close.getDomAttribute("data-close");
                close.click();
                held = row;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) throw e;
            }
        }
        String closed = held;
        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Close " + closed + ": done"));
        int exits = f.orders.orders().repository().all("paper", 100).stream()
                .filter(o -> o.symbol().equals(closed) && o.role() == OrderRole.EXIT).toList().size();
        assertEquals(1, exits, "one market exit for the closed position");
        driver.findElement(By.id("pause")).click();
        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Pause: done"));
        assertTrue(f.orders.orders().flags().paused(), "entries paused from the page");
        ((JavascriptExecutor) driver).executeScript("refresh()");
        wait.until(d -> d.findElement(By.id("resume")).isEnabled());
        driver.findElement(By.id("resume")).click();
        wait.until(d -> d.findElement(By.id("message")).getText().startsWith("Resume: done"));
        assertFalse(f.orders.orders().flags().paused());
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }
}
