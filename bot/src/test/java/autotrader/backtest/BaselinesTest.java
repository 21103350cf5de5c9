package autotrader.backtest;

import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baselines table and its JSON on a made-up result: a strategy with a clear daily edge over a
 * noisy market, SPY = the market, scanner only = an exact copy of the strategy's curve, and random
 * entries = the market with a daily drag. The strategy beats SPY and the random entries, not its copy.
 */
class BaselinesTest {

    private static final MarketCalendar CAL = MarketCalendar.nyse();

    static BacktestResult result() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 1, 2); days.size() < 250; d = d.plusDays(1)) if (CAL.isTradingDay(d)) days.add(d);
        Random rnd = new Random(5);
        int n = days.size();
        double[] market = new double[n], strategy = new double[n], random = new double[n];
        market[0] = strategy[0] = random[0] = 100_000;
        for (int i = 1; i < n; i++) {
            double m = 0.0002 + 0.01 * rnd.nextGaussian();
            market[i] = market[i - 1] * (1 + m);
            strategy[i] = strategy[i - 1] * (1 + m + 0.004 + 0.001 * rnd.nextGaussian());
            random[i] = random[i - 1] * (1 + m - 0.001);
        }
        List<DailyPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) points.add(new DailyPoint(days.get(i), strategy[i], 0, strategy[i], 1));
        // Ten closed trades, 8 winners of +3 % and 2 losers of -1 %, 100 shares at 100.
        List<RoundTrip> trips = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            Instant in = CAL.openInstant(days.get(10 * k + 1)), out = CAL.openInstant(days.get(10 * k + 5));
            trips.add(RoundTrip.of("S" + (k % 3), in, out, 100, 100, k < 8 ? 103 : 99, 0, 0, k < 8 ? "take-profit" : "stop-loss", 0.75, false));
        }
        RandomEntries.Draw draw = new RandomEntries.Draw(List.of(), random, Metrics.sharpe(Metrics.dailyReturns(random), 0), Double.NaN, 0);
        List<RandomEntries.Draw> draws = new ArrayList<>();
        for (int k = 0; k < 20; k++) draws.add(draw);
        RandomEntries.Result re = new RandomEntries.Result(20, 42, 10, 10, 0, draws, random);
        return new BacktestResult("test", true, days.get(0), days.get(n - 1), "test models", Timeframe.D1, "none", 0, 10, days, points,
                market, market, strategy.clone(), strategy.clone(), trips, List.of(), List.of(), 0, 0, 0, List.of(),
                new LookAheadCheck.Result(0, 0, 0, List.of()), new BacktestResult.Counts(n, 0, 0, 0, 0.7, 0, 0, Map.of()), 3, 3L * n, 1, re,
                new Bootstrap(42, 1000), null);
    }

    @Test
    void theStrategyBeatsTheMarketAndRandomEntriesButNotItsCopy() {
        List<Baselines.Row> rows = Baselines.of(result());
        assertEquals(List.of("strategy", "SPY buy and hold", "scanner only (top 10)", "random entries, same exits (20 draws)"),
                rows.stream().map(Baselines.Row::name).toList());
        Baselines.Row strategy = rows.get(0), spy = rows.get(1), copy = rows.get(2), random = rows.get(3);
        assertEquals(null, strategy.vsStrategy());
        assertTrue(strategy.sharpeCi().low() < strategy.sharpe() && strategy.sharpe() < strategy.sharpeCi().high());
        assertEquals(0.022, strategy.meanTradeReturn(), 1e-12);      // (8 x 3 % - 2 x 1 %) / 10
        assertTrue(strategy.meanTradeCi().low() < 0.022 && 0.022 < strategy.meanTradeCi().high());
        assertTrue(spy.vsStrategy().significant(), "p " + spy.vsStrategy().pValue());
        assertTrue(random.vsStrategy().significant(), "p " + random.vsStrategy().pValue());
        assertTrue(random.vsStrategy().difference().low() > 0);
        assertFalse(copy.vsStrategy().significant());
        assertEquals(1.0, copy.vsStrategy().pValue(), 0);
        assertTrue(Double.isNaN(spy.meanTradeReturn()), "buy and hold has no trades");
        // Seeded: the same result gives the same table.
        assertEquals(rows, Baselines.of(result()));
    }

    @Test
    void theReportShowsTheBaselinesAndTheBreakdowns(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        String html = Files.readString(ReportWriter.write(result(), tmp));
        String table = html.substring(html.indexOf("<h2>Strategy against the baselines"), html.indexOf("<h2>Metrics"));
        assertEquals(3, table.split("class=\"pass\">yes", -1).length - 1 + table.split("class=\"fail\">no", -1).length - 1,
                "one verdict per baseline");
        assertTrue(table.contains("SPY buy and hold</td><td>"), table);
        assertTrue(table.contains("10 of the strategy's 10 round trips redrawn"), table);
        String breakdowns = html.substring(html.indexOf("<h2>Strategy trades broken down"), html.indexOf("<h2>Trades (strategy)"));
        assertTrue(breakdowns.contains("<td class=\"l\">target</td><td>8</td><td>100.00 %</td><td>3.00 %</td><td class=\"pos\">2400.00</td>"),
                breakdowns);
        assertTrue(breakdowns.contains("<td class=\"l\">0.7-0.8</td><td>10</td><td>80.00 %</td>"), breakdowns);
        assertTrue(html.contains("(not with 95 % confidence)"), "win rate 80 % on ten trades passes, but not with confidence");
    }

    @Test
    void metricsJsonCarriesTheTableTheDrawsTheBreakdownsAndTheMeasureIntervals() {
        ObjectNode m = MetricsReport.json(result());
        assertEquals(3, m.get("series").size(), "the three series of before are kept");
        assertEquals(4, m.get("baselines").size());
        JsonNode spy = m.get("baselines").get(1);
        assertTrue(spy.at("/strategy_minus_baseline/strategy_beats_significantly").asBoolean());
        assertEquals(2, spy.get("sharpe_ci_95").size());
        assertEquals(20, m.at("/random_entries/draws").asInt());
        assertEquals(100.0, m.at("/random_entries/sharpe/strategy_percentile").asDouble(), 0, "above every (identical) draw");
        assertEquals(1 / 21.0, m.at("/random_entries/sharpe/rank_p_value").asDouble(), 1e-6);
        JsonNode exits = m.at("/breakdowns/by_exit_reason");
        assertEquals("stop", exits.get(0).get("group").asText());
        assertEquals(2, exits.get(0).get("trades").asInt());
        assertEquals(-200, exits.get(0).get("total_pnl").asDouble(), 1e-9);
        assertEquals(8, exits.get(1).get("trades").asInt());
        JsonNode winRate = m.get("success_measures").get(0);
        assertEquals("win rate", winRate.get("measure").asText());
        assertEquals(0.8, winRate.get("value").asDouble(), 1e-12);
        assertTrue(winRate.get("pass").asBoolean());
        assertTrue(winRate.get("ci_95").get(0).asDouble() < 0.65, "10 trades cannot show 80 % > 65 % with confidence: " + winRate);
        assertFalse(winRate.get("pass_with_95_confidence").asBoolean());
        assertFalse(m.get("success_measures").get(2).has("ci_95"), "max drawdown has no interval");
    }
}
