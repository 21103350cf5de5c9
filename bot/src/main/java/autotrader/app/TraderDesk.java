package autotrader.app;

import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.approvals.LastPrice;
import autotrader.approvals.PendingIntent;
import autotrader.approvals.TraderCommands;
import autotrader.orders.Balances;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderState;
import autotrader.store.ScanRepository;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.OptionalDouble;

import static autotrader.market.MarketCalendar.NEW_YORK;

/** The read-outs and switches behind the trader's chat commands (and, later, the desk page), as plain text. */
final class TraderDesk implements TraderCommands {

    private final String mode;
    private final Store store;
    private final OrderManager orders;
    private final ApprovalService approvals;
    private final LastPrice lastPrice;
    private final Clock marketClock;

    TraderDesk(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice, Clock marketClock) {
        this.mode = mode;
        this.store = store;
        this.orders = orders;
        this.approvals = approvals;
        this.lastPrice = lastPrice;
        this.marketClock = marketClock;
    }

    @Override
    public String status() {
        StringBuilder sb = new StringBuilder();
        sb.append("Mode: ").append(mode.toUpperCase()).append(orders.flags().paused() ? " (PAUSED: no new entries)" : "").append('\n');
        sb.append("Market time: ").append(ScanReport.when(marketClock.instant())).append('\n');
        ScanRepository.StoredScan last = store.scans().latest().orElse(null);
        sb.append("Last scan: ").append(last == null ? "none yet" : "#" + last.id() + " as of " + ScanReport.when(last.asOf())
                + (last.simulated() ? " (SIMULATED)" : "")).append('\n');
        sb.append("Pending approvals: ").append(approvals.pending().size()).append('\n');
        OrderRepository repo = orders.repository();
        int open = repo.inStates(orders.account(), OrderState.APPROVED, OrderState.SUBMITTING, OrderState.UNKNOWN, OrderState.SUBMITTED,
                OrderState.PARTIALLY_FILLED).size();
        sb.append("Open orders: ").append(open).append(", positions: ").append(repo.positions(orders.account()).size()).append('\n');
        try {
            Balances b = orders.broker().balances();
            sb.append(String.format("Equity: %,.2f  cash: %,.2f%n", b.equity(), b.cash()));
        } catch (RuntimeException e) {
            sb.append("Equity: unavailable (").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }

    @Override
    public String positions() {
        var positions = orders.repository().positions(orders.account());
        if (positions.isEmpty()) return "No open positions.";
        StringBuilder sb = new StringBuilder();
        Instant now = marketClock.instant();
        for (var p : positions) {
            OptionalDouble last = lastPrice.at(p.symbol(), now);
            double avg = p.avgPrice().doubleValue();
            sb.append(String.format("%s %d @ %.2f", p.symbol(), p.quantity(), avg));
            if (last.isPresent()) {
                double pnl = (last.getAsDouble() - avg) * p.quantity();
                sb.append(String.format("  last %.2f  P&L %+,.2f (%+.2f%%)", last.getAsDouble(), pnl, (last.getAsDouble() / avg - 1) * 100));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String pnl(PnlPeriod period) {
        LocalDate today = marketClock.instant().atZone(NEW_YORK).toLocalDate();
        Instant from = switch (period) {
            case TODAY -> today.atStartOfDay(NEW_YORK).toInstant();
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(NEW_YORK).toInstant();
            case ALL -> Instant.EPOCH;
        };
        BigDecimal start = orders.repository().equitySince(orders.account(), from).orElse(null);
        BigDecimal now;
        try {
            now = orders.broker().balances().equity();
        } catch (RuntimeException e) {
            return "P&L unavailable: " + e.getMessage();
        }
        if (start == null) return "P&L " + period.name().toLowerCase() + ": no account snapshot in that period yet (equity now " + now + ")";
        BigDecimal change = now.subtract(start);
        return String.format("P&L %s: %+,.2f (%+.2f%%), equity %,.2f", period.name().toLowerCase(), change,
                start.signum() == 0 ? 0 : change.doubleValue() / start.doubleValue() * 100, now);
    }

    @Override
    public String signals() {
        List<StoredIntent> recent = approvals.recent(10);
        if (recent.isEmpty()) return "No signals yet.";
        StringBuilder sb = new StringBuilder();
        for (StoredIntent s : recent) {
            PendingIntent p = s.intent();
            sb.append(String.format("#%d %s %s %d @ %.2f conf %.2f risk %d: %s%s%n", p.intentId(), p.side(), p.symbol(), p.quantity(),
                    p.entryPrice(), p.confidence(), p.riskScore(), s.status(), s.outcome() == null ? "" : " (" + s.outcome() + ")"));
        }
        return sb.toString();
    }

    @Override
    public String pause(String actor) {
        orders.flags().setPaused(true, actor);
        store.audit(actor, "pause", null);
        return "Paused: no new entries. Stops and take-profits keep working. /resume to allow entries.";
    }

    @Override
    public String resume(String actor) {
        orders.flags().setPaused(false, actor);
        store.audit(actor, "resume", null);
        return "Resumed: new entries allowed.";
    }
}
