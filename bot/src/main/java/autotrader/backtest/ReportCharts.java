package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.charts.UPlot;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's interactive charts (uPlot): the data they draw, as one JSON block in the page, and the
 * page's scripts, all inlined so report.html opens with no network. Times are Unix seconds (uPlot's
 * time axis, labelled in New York time): the equity points at each session's close, a symbol's bars
 * at their end, the fills when they happened.
 */
final class ReportCharts {

    /** Price charts for the symbols with the most trades only: each can hold ~1,500 bars, the file stays small. */
    static final int TOP_SYMBOLS = 8;
    static final int MAX_PRICE_POINTS = 1_500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MarketCalendar CAL = MarketCalendar.nyse();

    private ReportCharts() {
    }

    /** uPlot's CSS and code, then the page's charts, for the page's head and end. */
    static String styles() {
        return "<style>" + UPlot.css() + "</style>";
    }

    static String scripts(ObjectNode data) {
        // "<" written as \u003c: no "</script>" inside the data can end the block early.
        String json = data.toString().replace("<", "\\u003c");
        return "<script type=\"application/json\" id=\"chart-data\">" + json + "</script>\n<script>" + UPlot.js() + "</script>\n<script>"
                + resource("report-charts.js") + "</script>";
    }

    static ObjectNode data(BacktestResult r, ChartPrices prices) {
        ObjectNode out = JSON.createObjectNode();
        out.put("simulated", r.simulated());
        long[] closes = r.days().stream().mapToLong(d -> CAL.closeInstant(d).getEpochSecond()).toArray();

        ObjectNode equity = out.putObject("equity");
        times(equity, closes);
        ArrayNode eq = equity.putArray("series");
        series(eq, "strategy", r.strategyEquity());
        series(eq, "SPY buy and hold", r.spyEquity());
        series(eq, "scanner only (top " + r.topN() + ")", r.scannerEquity());
        double[] median = medianEquity(r.randomEntries(), r.days().size());
        if (median != null) series(eq, "random entries, same exits (median of " + r.randomEntries().drawList().size() + " draws)", median);

        ObjectNode drawdown = out.putObject("drawdown");
        times(drawdown, closes);
        ArrayNode dd = drawdown.putArray("series");
        series(dd, "strategy", negate(Metrics.drawdownSeries(r.strategyEquity())));
        series(dd, "SPY buy and hold", negate(Metrics.drawdownSeries(r.spyEquity())));
        series(dd, "scanner only", negate(Metrics.drawdownSeries(r.scannerEquity())));

        ObjectNode conf = out.putObject("confidence");
        ArrayNode mid = conf.putArray("mid"), decisions = conf.putArray("decisions"), hit = conf.putArray("hit_rate"),
                wins = conf.putArray("trade_win_rate");
        for (Calibration.Bucket b : r.calibration()) {
            mid.add((b.from() + b.to()) / 2);
            decisions.add(b.decisions());
            number(hit, b.labelled() >= 5 ? b.hitRate() : Double.NaN);
            number(wins, b.trades() >= 1 ? b.tradeWinRate() : Double.NaN);
        }

        ArrayNode symbols = out.putArray("symbols");
        for (String symbol : topSymbols(r.trades(), TOP_SYMBOLS)) symbols.add(symbol(r, symbol, prices));
        return out;
    }

    /** The symbols with the most round trips (ties by name), at most {@code n}. */
    static List<String> topSymbols(List<RoundTrip> trips, int n) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (RoundTrip t : trips) count.merge(t.symbol(), 1, Integer::sum);
        return count.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    /** The finest timeframe, no finer than the fills', whose bars over the run fit {@link #MAX_PRICE_POINTS}. */
    static Timeframe chartTimeframe(Timeframe fills, int sessions) {
        for (Timeframe tf : Timeframe.values()) {
            if (tf.ordinal() < fills.ordinal()) continue;
            if ((long) sessions * barsPerSession(tf) <= MAX_PRICE_POINTS) return tf;
        }
        return Timeframe.D1;
    }

    private static int barsPerSession(Timeframe tf) {
        return tf.isIntraday() ? (int) Math.ceil(390.0 / tf.minutes()) : 1;
    }

    private static ObjectNode symbol(BacktestResult r, String symbol, ChartPrices prices) {
        ObjectNode s = JSON.createObjectNode();
        s.put("symbol", symbol);
        Timeframe tf = chartTimeframe(r.fillTimeframe(), r.days().size());
        s.put("timeframe", tf.label());
        Instant first = CAL.openInstant(r.from()), last = CAL.closeInstant(r.to());
        List<Bar> bars = prices.bars(symbol, tf, last, r.days().size() * barsPerSession(tf) + 5).stream()
                .filter(b -> b.end().isAfter(first)).sorted(Comparator.comparing(Bar::end)).toList();
        ArrayNode t = s.putArray("t"), close = s.putArray("close");
        for (Bar b : bars) {
            t.add(b.end().getEpochSecond());
            close.add(b.close());
        }
        ArrayNode entries = s.putArray("entries"), exits = s.putArray("exits");
        int trades = 0;
        for (RoundTrip trip : r.trades()) {
            if (!trip.symbol().equals(symbol)) continue;
            trades++;
            entries.addArray().add(trip.entryAt().getEpochSecond()).add(trip.entryPrice())
                    .add(String.format(Locale.ROOT, "bought %d at %.2f%s", trip.quantity(), trip.entryPrice(),
                            Double.isFinite(trip.confidence()) ? String.format(Locale.ROOT, ", confidence %.2f", trip.confidence()) : ""));
            // A position still open at the end has no exit: its mark at the last close is not a fill.
            if (!trip.open()) exits.addArray().add(trip.exitAt().getEpochSecond()).add(trip.exitPrice()).add(trip.exitReason());
        }
        s.put("trades", trades);
        return s;
    }

    /** Each day's median over the random-entry draws (null without draws). */
    static double[] medianEquity(RandomEntries.Result random, int days) {
        if (random == null || random.drawList().isEmpty()) return null;
        double[] out = new double[days];
        double[] day = new double[random.drawList().size()];
        for (int i = 0; i < days; i++) {
            for (int k = 0; k < day.length; k++) {
                double[] e = random.drawList().get(k).equity();
                day[k] = i < e.length ? e[i] : Double.NaN;
            }
            double[] s = Arrays.stream(day).filter(Double::isFinite).sorted().toArray();
            out[i] = s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
        return out;
    }

    private static void times(ObjectNode n, long[] t) {
        ArrayNode a = n.putArray("t");
        for (long x : t) a.add(x);
    }

    private static void series(ArrayNode all, String name, double[] values) {
        ObjectNode s = all.addObject();
        s.put("name", name);
        ArrayNode v = s.putArray("values");
        for (double x : values) number(v, x);
    }

    /** NaN and infinities are not JSON: a gap (null), which uPlot leaves out. */
    private static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(Math.round(v * 10_000) / 10_000.0);
        else a.addNull();
    }

    private static double[] negate(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = -v[i];
        return o;
    }

    private static String resource(String name) {
        try (InputStream in = ReportCharts.class.getResourceAsStream("/backtest/" + name)) {
            if (in == null) throw new IllegalStateException("backtest/" + name + " missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
