package autotrader.backtest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import java.util.function.DoubleFunction;
import java.util.function.Function;
/**
 * Writes a backtest's report folder: metrics.json and report.html, which stands alone: its CSS, the
 * uPlot library and the charts' data are inline, so it opens from a mail or a USB stick with no network
 * ({@link ReportCharts}).
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** As {@link #write(BacktestResult, Path, ChartPrices)} without the per-symbol price charts. */
    public static Path write(BacktestResult r, Path dir) throws IOException {
        return write(r, dir, ChartPrices.NONE);
    }

    /** metrics.json and report.html in {@code dir}; {@code prices} gives the most traded symbols' bars for their charts. */
    public static Path write(BacktestResult r, Path dir, ChartPrices prices) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.json"), MetricsReport.JSON.writeValueAsString(MetricsReport.json(r)));
        Path html = dir.resolve("report.html");
        Files.writeString(html, html(r, ReportCharts.data(r, prices)));
        return html;
    }

    private static String sim(BacktestResult r) {
        return r.simulated() ? " -- SIMULATED prices" : "";
    }

    /** A chart's place in the page: the script draws into the div (the report needs JavaScript for its charts, nothing else). */
    private static void chart(StringBuilder h, String title, String id, String note) {
        h.append("<h2>").append(esc(title)).append("</h2>");
        if (note != null) h.append("<p><small>").append(note).append("</small></p>");
        h.append("<div class=\"chart\" id=\"").append(id).append("\"></div>");
    }

    // ---- HTML ----

    private static String html(BacktestResult r, com.fasterxml.jackson.databind.node.ObjectNode charts) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest ").append(r.from()).append(" .. ").append(r.to())
                .append("</title><style>")
                .append("body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.pass{color:#127a12;font-weight:bold}.fail{color:#b00;font-weight:bold}")
                .append(".neg{color:#b00}.pos{color:#127a12}.sim{background:#fee;border:1px solid #b00;padding:8px;font-weight:bold}")
                .append(".chart{border:1px solid #ddd;margin:6px 0;padding:4px;min-height:60px}small{color:#666}")
                .append("</style>").append(ReportCharts.styles()).append("</head><body>");
        h.append("<h1>Backtest ").append(r.from()).append(" .. ").append(r.to()).append("</h1>");
        if (r.simulated()) h.append("<p class=\"sim\">SIMULATED prices: made up by the market simulator, not a real market.</p>");
        h.append("<p>").append(esc(r.source())).append(" &middot; ").append(r.days().size()).append(" sessions &middot; ").append(r.symbols())
                .append(" symbols &middot; decisions at each close, fills no earlier than the next ").append(r.fillTimeframe().label())
                .append(" bar's open &middot; ").append(esc(r.costs())).append(" &middot; risk-free rate ").append(pct(r.riskFreeRate()))
                .append("<br>Models: ").append(esc(r.models())).append("</p>");
        LookAheadCheck.Result la = r.lookAhead();
        h.append("<p>Look-ahead check: <b class=\"").append(la.passed() ? "pass\">passed" : "fail\">FAILED").append("</b> (")
                .append(la.timesChecked()).append(" decision times recomputed on a market cut at the decision time, ").append(la.rowsCompared())
                .append(" candidate rows compared; ").append(la.fillsChecked()).append(" fills checked to come from a later bar)</p>");
        if (!la.passed()) {
            h.append("<ul>");
            la.problems().stream().limit(20).forEach(p -> h.append("<li>").append(esc(p)).append("</li>"));
            h.append("</ul>");
        }

        List<MetricsReport.Series> all = MetricsReport.all(r);
        h.append("<h2>Design success measures (strategy)</h2><table><tr><th class=\"l\">measure</th><th>target</th><th>value [95 % CI]</th><th>result</th></tr>");
        Map<String, Bootstrap.Interval> cis = MetricsReport.measureIntervals(r);
        for (MetricsReport.Measure m : MetricsReport.successMeasures(r, all.get(0))) {
            boolean plain = m.key().equals("sharpe") || m.key().equals("confidence");
            String v = !Double.isFinite(m.value()) ? "n/a" : plain ? String.format("%.3f", m.value()) : pct(m.value());
            h.append("<tr><td class=\"l\">").append(m.name()).append("</td><td>").append(esc(m.rule())).append("</td><td>").append(v)
                    .append(ci(cis.get(m.key()), !plain))
                    .append("</td><td class=\"").append(m.pass() ? "pass\">PASS" : "fail\">FAIL")
                    .append(m.note() == null ? "" : " <small>(" + esc(m.note()) + ")</small>")
                    .append(m.pass() && cis.containsKey(m.key()) && !m.passesWithConfidence(cis.get(m.key())) ? " <small>(not with 95 % confidence)</small>" : "")
                    .append("</td></tr>");
        }
        h.append("</table>");

        h.append(baselinesTable(r, all.get(0)));

        h.append("<h2>Metrics</h2><table><tr><th class=\"l\">metric</th>");
        for (MetricsReport.Series s : all) h.append("<th>").append(esc(s.name())).append("</th>");
        h.append("</tr>");
        row(h, "total return", all, s -> pct(s.equity().totalReturn()));
        row(h, "CAGR", all, s -> pct(s.equity().cagr()));
        row(h, "annualised volatility", all, s -> pct(s.equity().annualVolatility()));
        row(h, "Sharpe", all, s -> num(s.equity().sharpe()));
        row(h, "Sortino", all, s -> num(s.equity().sortino()));
        row(h, "max drawdown", all, s -> pct(s.equity().maxDrawdown()));
        row(h, "max drawdown duration (sessions)", all, s -> String.valueOf(s.equity().maxDrawdownDays()));
        row(h, "days with positions", all, s -> pct(s.exposure().daysInMarket()));
        row(h, "average gross exposure", all, s -> pct(s.exposure().averageGross()));
        row(h, "turnover per year", all, s -> num(s.turnover()));
        row(h, "closed trades", all, s -> String.valueOf(s.trades().trades()));
        row(h, "win rate", all, s -> pct(s.trades().winRate()));
        row(h, "average return per trade", all, s -> pct(s.trades().avgReturn()));
        row(h, "average winner", all, s -> pct(s.trades().avgWinner()));
        row(h, "average loser", all, s -> pct(s.trades().avgLoser()));
        row(h, "profit factor", all, s -> num(s.trades().profitFactor()));
        row(h, "average holding (calendar days)", all, s -> num(s.trades().avgHoldingDays()));
        h.append("</table>");
        BacktestResult.Counts c = r.counts();
        h.append("<p>Loop: ").append(c.cycles()).append(" cycles (").append(c.errors()).append(" failed), ").append(c.decisions())
                .append(" decisions, ").append(c.buyDecisions()).append(" BUY, ").append(c.buyAtOrAboveFloor())
                .append(Double.isFinite(c.confidenceFloor()) ? String.format(Locale.ROOT, " BUY with confidence &ge; %s (the rules' MIN_CONFIDENCE), ",
                        BigDecimal.valueOf(c.confidenceFloor()).stripTrailingZeros().toPlainString()) : " BUY at or above a confidence floor (the rules define none), ")
                .append(c.intents()).append(" trade intents, ").append(r.fills().size()).append(" fills. Signals turned down by rule: ");
        c.rejectionsByRule().forEach((k, v) -> h.append(esc(k)).append(" ").append(v).append("; "));
        h.append("</p><p><small>Scanner only: after each close the scan's top ").append(r.topN())
                .append(" are held in equal weight; names leaving the top are sold and newcomers bought with equity/").append(r.topN())
                .append(" at the next open (held names are not re-weighted). SPY: bought at the first session's open, held. Same fill model and costs as the strategy.</small></p>");

        chart(h, "Equity" + sim(r), "chart-equity", "Marked at each close, costs included, against the baselines; drag to zoom, double-click to zoom out.");
        chart(h, "Drawdown from the running peak" + sim(r), "chart-drawdown", null);
        h.append("<h2>Monthly returns (strategy)</h2>").append(monthlyTable(MetricsReport.monthly(r.days(), r.strategyEquity())));
        h.append("<h2>Monthly returns (SPY buy and hold)</h2>").append(monthlyTable(MetricsReport.monthly(r.days(), r.spyEquity())));
        chart(h, "Confidence distribution", "chart-confidence", "Ensemble confidence of every decision (all candidates, all days).");
        chart(h, "Calibration", "chart-calibration", "Realised rate per confidence bucket (hit rate: buckets with &ge; 5 labelled decisions).");
        h.append("<table><tr><th>confidence</th><th>decisions</th><th>labelled</th><th>realised hit rate</th><th>trades</th><th>trade win rate</th></tr>");
        for (Calibration.Bucket b : r.calibration()) {
            h.append(String.format("<tr><td>%.1f-%.1f</td><td>%d</td><td>%d</td><td>%s</td><td>%d</td><td>%s</td></tr>", b.from(), b.to(),
                    b.decisions(), b.labelled(), pct(b.hitRate()), b.trades(), pct(b.tradeWinRate())));
        }
        h.append("</table><p><small>Hit rate: the share of decisions whose trade label (the labeller the ensemble is trained on, applied after the run) "
                + "equals the decision. Trade win rate: closed strategy trades by the confidence of their entry decision.</small></p>");

        h.append(SkillReport.html(r.skill()));
        h.append(breakdownTables(r));
        h.append("<h2>Price, entries and exits").append(sim(r)).append("</h2>");
        if (charts.get("symbols").isEmpty()) {
            h.append("<p>No trades to show.</p>");
        } else {
            h.append("<p><label>Symbol (the ").append(charts.get("symbols").size()).append(" with the most trades) <select id=\"symbol-select\"></select></label>"
                    + " <small>entries blue; exits red (stop), green (take-profit), orange (other)</small></p><div class=\"chart\" id=\"chart-symbol\"></div>");
        }

        h.append("<h2>Trades (strategy)</h2><table><tr><th class=\"l\">symbol</th><th>entry</th><th>exit</th><th>shares</th><th>entry $</th>"
                + "<th>exit $</th><th>costs $</th><th>P&amp;L $</th><th>return</th><th class=\"l\">exit</th><th>confidence</th></tr>");
        for (RoundTrip t : r.trades()) {
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%s</td><td>%s</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.2f</td>"
                            + "<td class=\"%s\">%.2f</td><td>%s</td><td class=\"l\">%s</td><td>%s</td></tr>", esc(t.symbol()),
                    LocalDate.ofInstant(t.entryAt(), ZoneOffset.UTC), LocalDate.ofInstant(t.exitAt(), ZoneOffset.UTC), t.quantity(), t.entryPrice(),
                    t.exitPrice(), t.commissions(), t.pnl() >= 0 ? "pos" : "neg", t.pnl(), pct(t.returnPct()), esc(t.exitReason()),
                    num(t.confidence())));
        }
        if (r.trades().isEmpty()) h.append("<tr><td class=\"l\" colspan=\"11\">no trades: no signal passed the rules</td></tr>");
        h.append("</table><p><small>Generated by autotrader backtest; metrics.json beside this file holds the same numbers.</small></p>")
                .append(ReportCharts.scripts(charts)).append("</body></html>");
        return h.toString();
    }

    /** Strategy and baselines with 95 % intervals, the paired tests, and where the strategy falls among the random draws. */
    private static String baselinesTable(BacktestResult r, MetricsReport.Series strategy) {
        StringBuilder h = new StringBuilder("<h2>Strategy against the baselines</h2><table><tr><th class=\"l\">series</th><th>Sharpe [95 % CI]</th>"
                + "<th>mean trade return [95 % CI]</th><th>closed trades</th><th>total return</th><th>max drawdown</th>"
                + "<th>strategy &minus; baseline Sharpe [95 % CI]</th><th>strategy beats it? (p, one-sided)</th></tr>");
        for (Baselines.Row b : Baselines.of(r)) {
            h.append("<tr><td class=\"l\">").append(esc(b.name())).append("</td><td>").append(num(b.sharpe())).append(ci(b.sharpeCi(), false))
                    .append("</td><td>").append(pct(b.meanTradeReturn())).append(ci(b.meanTradeCi(), true)).append("</td><td>").append(b.trades())
                    .append("</td><td>").append(pct(b.totalReturn())).append("</td><td>").append(pct(b.maxDrawdown())).append("</td>");
            if (b.vsStrategy() == null) {
                h.append("<td></td><td></td></tr>");
                continue;
            }
            Bootstrap.Paired p = b.vsStrategy();
            h.append("<td>").append(num(p.difference().estimate())).append(ci(p.difference(), false)).append("</td><td class=\"")
                    .append(p.significant() ? "pass\">yes" : "fail\">no").append(" <small>(p = ").append(num(p.pValue())).append(")</small></td></tr>");
        }
        RandomEntries.Result re = r.randomEntries();
        RandomEntries.Summary sh = re.sharpe(strategy.equity().sharpe()), tr = re.meanTradeReturn(strategy.trades().avgReturn());
        h.append("</table><h3>Random entries, same exits: distribution over ").append(re.draws()).append(" draws (seed ").append(re.seed())
                .append(")</h3><table><tr><th class=\"l\">measure</th><th>mean</th><th>5th pct</th><th>median</th><th>95th pct</th><th>strategy</th>"
                        + "<th>strategy's percentile</th><th>rank p</th></tr>");
        for (var e : List.of(Map.entry("Sharpe", sh), Map.entry("mean trade return", tr))) {
            boolean asPct = e.getKey().startsWith("mean");
            RandomEntries.Summary s = e.getValue();
            DoubleFunction<String> f = v -> asPct ? pct(v) : num(v);
            h.append("<tr><td class=\"l\">").append(e.getKey()).append("</td><td>").append(f.apply(s.mean())).append("</td><td>").append(f.apply(s.p5()))
                    .append("</td><td>").append(f.apply(s.p50())).append("</td><td>").append(f.apply(s.p95())).append("</td><td>")
                    .append(f.apply(s.strategy())).append("</td><td>").append(Double.isFinite(s.strategyPercentile())
                            ? String.format(Locale.ROOT, "%.0f", s.strategyPercentile()) : "n/a").append("</td><td>").append(num(s.rankPValue()))
                    .append("</td></tr>");
        }
        int skipped = re.drawList().stream().mapToInt(RandomEntries.Draw::skipped).sum();
        h.append("</table><p><small>Each draw replaces every strategy trade's symbol by one drawn at random from the same cycle's scan, bought at "
                + "the same moment for the same notional with the same fills and costs (").append(re.entries()).append(" of the strategy's ")
                .append(r.trades().size()).append(" round trips redrawn: the others had no stored scan at their decision). Exits: ").append(re.bracketExits())
                .append(" trades by the same stop-loss/take-profit bracket (stop distance rescaled by the drawn symbol's 20-day volatility over the "
                        + "real symbol's, same reward:risk), ").append(re.matchedExits())
                .append(" at the real trade's exit time (matched holding period). ").append(skipped)
                .append(" random trades skipped in all (drawn symbol without a price). The random line of the table above is the mean of the draws' "
                        + "daily returns. Intervals: seeded bootstrap, ").append(r.bootstrap().resamples()).append(" resamples; daily returns in "
                        + "stationary blocks of mean length ").append(Bootstrap.blockLength(Math.max(1, r.days().size() - 1)))
                .append(" sessions, trade returns one trade at a time. Beats: paired bootstrap over the same days, p = share of resampled "
                        + "Sharpe differences at or below 0; yes when p &lt; 0.05.</small></p>");
        return h.toString();
    }

    private static String ci(Bootstrap.Interval i, boolean asPct) {
        if (i == null || !Double.isFinite(i.low())) return "";
        return " <small>[" + (asPct ? pct(i.low()) : num(i.low())) + ", " + (asPct ? pct(i.high()) : num(i.high())) + "]</small>";
    }

    private static String breakdownTables(BacktestResult r) {
        StringBuilder h = new StringBuilder("<h2>Strategy trades broken down</h2><p><small>Closed trades only; returns net of every cost.</small></p>");
        Breakdowns.all(r.trades()).forEach((key, rows) -> {
            h.append("<h3>").append(esc(Breakdowns.TITLES.get(key))).append("</h3><table><tr><th class=\"l\">group</th><th>trades</th>"
                    + "<th>win rate</th><th>mean return</th><th>total P&amp;L $</th></tr>");
            for (Breakdowns.Row x : rows) {
                h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%d</td><td>%s</td><td>%s</td><td class=\"%s\">%.2f</td></tr>",
                        esc(x.key()), x.trades(), pct(x.winRate()), pct(x.meanReturn()), x.pnl() >= 0 ? "pos" : "neg", x.pnl()));
            }
            if (rows.isEmpty()) h.append("<tr><td class=\"l\" colspan=\"5\">no closed trades</td></tr>");
            h.append("</table>");
        });
        return h.toString();
    }

    private static String monthlyTable(Map<YearMonth, Double> m) {
        TreeSet<Integer> years = new TreeSet<>();
        m.keySet().forEach(k -> years.add(k.getYear()));
        StringBuilder h = new StringBuilder("<table><tr><th>year</th>");
        for (int mo = 1; mo <= 12; mo++) h.append("<th>").append(Month.of(mo).getDisplayName(TextStyle.SHORT, Locale.ROOT)).append("</th>");
        h.append("<th>year</th></tr>");
        Map<Integer, Double> yearly = new TreeMap<>();
        m.forEach((k, v) -> yearly.merge(k.getYear(), 1 + v, (a, b) -> a * b));
        for (int y : years) {
            h.append("<tr><th>").append(y).append("</th>");
            for (int mo = 1; mo <= 12; mo++) {
                Double v = m.get(YearMonth.of(y, mo));
                h.append(v == null ? "<td></td>" : "<td class=\"" + (v >= 0 ? "pos" : "neg") + "\">" + pct(v) + "</td>");
            }
            double yv = yearly.get(y) - 1;
            h.append("<td class=\"").append(yv >= 0 ? "pos" : "neg").append("\"><b>").append(pct(yv)).append("</b></td></tr>");
        }
        return h.append("</table>").toString();
    }

    private static void row(StringBuilder h, String name, List<MetricsReport.Series> all, Function<MetricsReport.Series, String> f) {
        h.append("<tr><td class=\"l\">").append(name).append("</td>");
        for (MetricsReport.Series s : all) h.append("<td>").append(f.apply(s)).append("</td>");
        h.append("</tr>");
    }


    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f %%", v * 100) : "n/a";
    }

    static String num(double v) {
        if (Double.isInfinite(v)) return "&infin;";
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
