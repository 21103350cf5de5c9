package autotrader.telegram;

import autotrader.approvals.TraderCommands;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Canned command answers; records what was asked. */
final class FakeCommands implements TraderCommands {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String status() {
        calls.add("status");
        return "PAPER mode, running. Last scan 11:00 ET: 50 candidates. 1 intent pending.";
    }

    @Override
    public String positions() {
        calls.add("positions");
        return "AAPL 10 @ 228.40, last 229.10, stop 224.00, +7.00";
    }

    @Override
    public String pnl(PnlPeriod period) {
        calls.add("pnl " + period);
        return "P&L " + period.name().toLowerCase() + ": +123.45";
    }

    @Override
    public String signals() {
        calls.add("signals");
        return "AAPL BUY 0.82 -> intent #12";
    }

    @Override
    public String pause(String actor) {
        calls.add("pause " + actor);
        return "Paused by " + actor + ": no new entries.";
    }

    @Override
    public String resume(String actor) {
        calls.add("resume " + actor);
        return "Resumed by " + actor + ".";
    }

    @Override
    public String flatten(String actor) {
        calls.add("flatten " + actor);
        return "Flattened.";
    }

    @Override
    public long positionQuantity(String symbol) {
        return "AAPL".equals(symbol) ? 10 : 0;
    }

    @Override
    public String close(String symbol, String actor) {
        calls.add("close " + symbol + " " + actor);
        return "Closed " + symbol + ".";
    }

    @Override
    public String trades(int limit) {
        calls.add("trades");
        return "AAPL 10 228.40 -> 229.10 +7.00";
    }

    @Override
    public String profit() {
        calls.add("profit");
        return "today +7.00";
    }

    @Override
    public String daily(int days) {
        calls.add("daily");
        return "2024-06-12 +7.00";
    }

    @Override
    public String performance() {
        calls.add("performance");
        return "AAPL +7.00";
    }

    @Override
    public String reloadRules(String actor) {
        calls.add("reload " + actor);
        return "Rules unchanged.";
    }
}
