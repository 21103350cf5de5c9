package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.charts.UPlot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html stands alone: uPlot's code and CSS inline, the charts' data in the page (equity against
 * the baselines on close times, each most-traded symbol's bars with its fills), and no address that
 * would make a browser fetch anything.
 */
class ReportWriterTest {

    private static final MarketCalendar CAL = MarketCalendar.nyse();

    @TempDir
    Path dir;

    /** Daily bars for any symbol: a close of 100 + the session's index, so a chart point can be checked by hand. */
    static final ChartPrices DAILY = (symbol, tf, asOf, count) -> {
        List<Bar> out = new ArrayList<>();
        LocalDate d = CAL.dateAt(asOf);
        for (int i = 0; out.size() < count && i < 2000; i++, d = d.minusDays(1)) {
            if (!CAL.isTradingDay(d) || CAL.closeInstant(d).isAfter(asOf)) continue;
            double close = 100 + d.toEpochDay() % 1000 / 10.0;
            out.add(0, new Bar(CAL.openInstant(d), CAL.closeInstant(d), close, close + 1, close - 1, close, 1_000));
        }
        return out;
    };

    static Path writeReport(Path dir) throws Exception {
        return ReportWriter.write(result(), dir.resolve("report"), DAILY);
    }

    /** The baselines test's result with decisions in five confidence buckets (labelled and traded in some). */
    static BacktestResult result() {
        BacktestResult r = BaselinesTest.result();
        List<Calibration.Bucket> buckets = List.of(new Calibration.Bucket(0.5, 0.6, 40, 30, 15, 2, 1), new Calibration.Bucket(0.6, 0.7, 30, 25, 14, 3, 2),
                new Calibration.Bucket(0.7, 0.8, 20, 18, 12, 5, 4), new Calibration.Bucket(0.8, 0.9, 8, 4, 3, 0, 0),
                new Calibration.Bucket(0.9, 1.0, 2, 2, 2, 0, 0));
        return new BacktestResult(r.source(), r.simulated(), r.from(), r.to(), r.models(), r.fillTimeframe(), r.costs(), r.riskFreeRate(), r.topN(),
                r.days(), r.strategy(), r.spyEquity(), r.spyPositions(), r.scannerEquity(), r.scannerPositions(), r.trades(), r.scannerTrades(),
                r.fills(), r.tradedNotional(), r.scannerTradedNotional(), r.spyTradedNotional(), buckets, r.lookAhead(), r.counts(), r.symbols(),
                r.barsReplayed(), r.seconds(), r.randomEntries(), r.bootstrap(), r.skill());
    }

    @Test
    void theReportInlinesUPlotAndTheChartsDataAndLinksNothing() throws Exception {
        BacktestResult r = result();
        Path html = writeReport(dir);
        String page = Files.readString(html);
        assertTrue(page.contains(UPlot.js()), "uPlot's code is inline");
        assertTrue(page.contains(UPlot.css()), "and its CSS");
        assertFalse(page.contains("data:image/png"), "no PNG charts any more");
        for (String id : List.of("chart-equity", "chart-drawdown", "chart-confidence", "chart-calibration", "chart-symbol", "symbol-select")) {
            assertTrue(page.contains("id=\"" + id + "\""), id);
        }
        // Nothing to fetch: no src/href attributes, no CSS url(), and the only address is the licence comment's.
        assertFalse(Pattern.compile("(?i)\\b(src|href)\\s*=").matcher(page).find(), "no src= or href=");
        assertFalse(page.contains("url("), "no CSS url()");
        Matcher urls = Pattern.compile("(?i)(https?|file)://[^\\s\"')]+").matcher(page);
        while (urls.find()) assertEquals("https://github.com/leeoniya/uPlot", urls.group(), "only uPlot's licence header names an address");

        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find());
        JsonNode data = new ObjectMapper().readTree(m.group(1));
        JsonNode equity = data.get("equity");
        assertEquals(r.days().size(), equity.get("t").size());
        assertEquals(CAL.closeInstant(r.days().get(0)).getEpochSecond(), equity.get("t").get(0).asLong(), "a true time axis: each session's close");
        List<String> names = new ArrayList<>();
        equity.get("series").forEach(s -> names.add(s.get("name").asText()));
        assertEquals(List.of("strategy", "SPY buy and hold", "scanner only (top 10)", "random entries, same exits (median of 20 draws)"), names);
        assertEquals(r.strategyEquity()[5], equity.at("/series/0/values/5").asDouble(), 1e-4);
        assertEquals(r.randomEntries().meanEquity()[7], equity.at("/series/3/values/7").asDouble(), 1e-4, "20 equal draws: median = each");

        // Symbols by trades: S0 has 4 round trips, S1 and S2 three each.
        JsonNode symbols = data.get("symbols");
        assertEquals(List.of("S0", "S1", "S2"), List.of(symbols.get(0).get("symbol").asText(), symbols.get(1).get("symbol").asText(),
                symbols.get(2).get("symbol").asText()));
        JsonNode s0 = symbols.get(0);
        assertEquals(4, s0.get("trades").asInt());
        assertEquals(4, s0.get("entries").size());
        assertEquals(4, s0.get("exits").size(), "all closed");
        assertEquals("1d", s0.get("timeframe").asText());
        assertEquals(r.days().size(), s0.get("t").size(), "one daily bar per session of the run");
        LocalDate third = r.days().get(2);
        assertEquals(CAL.closeInstant(third).getEpochSecond(), s0.at("/t/2").asLong());
        assertEquals(100 + third.toEpochDay() % 1000 / 10.0, s0.at("/close/2").asDouble(), 1e-9);
        RoundTrip first = r.trades().stream().filter(t -> t.symbol().equals("S0")).findFirst().orElseThrow();
        assertEquals(first.entryAt().getEpochSecond(), s0.at("/entries/0/0").asLong());
        assertEquals(first.exitPrice(), s0.at("/exits/0/1").asDouble(), 1e-9);
        assertEquals(first.exitReason(), s0.at("/exits/0/2").asText());

        JsonNode conf = data.get("confidence");
        assertEquals(0.55, conf.at("/mid/0").asDouble(), 1e-9);
        assertEquals(40, conf.at("/decisions/0").asInt());
        assertEquals(0.5, conf.at("/hit_rate/0").asDouble(), 1e-9);
        assertTrue(conf.at("/hit_rate/3").isNull(), "4 labelled decisions are too few for a rate");
        assertTrue(conf.at("/trade_win_rate/3").isNull(), "no trades, no win rate");
    }

    @Test
    void priceChartsStayWithinTheirPointBudget() {
        assertEquals(Timeframe.M5, ReportCharts.chartTimeframe(Timeframe.M5, 10), "10 sessions x 78 bars fit");
        assertEquals(Timeframe.M30, ReportCharts.chartTimeframe(Timeframe.M5, 100), "100 sessions: 5m would be 7,800 points, 30m 1,300");
        assertEquals(Timeframe.D1, ReportCharts.chartTimeframe(Timeframe.M1, 1_000));
        assertEquals(Timeframe.D1, ReportCharts.chartTimeframe(Timeframe.D1, 5), "never finer than the fills");
        assertNull(ReportCharts.medianEquity(new RandomEntries.Result(0, 1, 0, 0, 0, List.of(), new double[0]), 3));
        RandomEntries.Draw a = new RandomEntries.Draw(List.of(), new double[] {1, 5}, 0, 0, 0), b = new RandomEntries.Draw(List.of(), new double[] {3, 2}, 0, 0, 0),
                c = new RandomEntries.Draw(List.of(), new double[] {2, Double.NaN}, 0, 0, 0);
        double[] med = ReportCharts.medianEquity(new RandomEntries.Result(3, 1, 0, 0, 0, List.of(a, b, c), new double[2]), 2);
        assertEquals(2, med[0], 1e-12);
        assertEquals(3.5, med[1], 1e-12, "a draw without a value that day is left out");
    }

    @Test
    void aSymbolWithoutBarsStillShowsItsFills() {
        var data = ReportCharts.data(BaselinesTest.result(), ChartPrices.NONE);
        assertEquals(0, data.at("/symbols/0/t").size());
        assertEquals(4, data.at("/symbols/0/entries").size());
    }
}
