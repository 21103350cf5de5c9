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
}
