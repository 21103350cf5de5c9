package autotrader.approvals;

import autotrader.market.HoldingPeriod;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.StoredOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Closes positions whose trade has a holding limit when the limit is reached: the model's trade
 * (stops.drl) leaves at market after hold_bars bars of its timeframe, counted from the entry's first
 * fill as its labels count them ({@link HoldingPeriod}). Run on every monitor tick.
 *
 * <p>Sent once: an intent is settled (time_exit_at) when its exit was sent, when its position had
 * already closed (stop or target first), when an exit for the symbol was already working, or when
 * its entry never filled. A close whose cancels the broker did not confirm is not settled and is
 * tried again on the next tick, so a crash between the exit and the settling finds the exit working
 * and settles without a second one.
 */
public final class TimeExits {

    private static final Logger log = LoggerFactory.getLogger(TimeExits.class);
    private static final OrderState[] OPEN = Arrays.stream(OrderState.values()).filter(s -> !s.isTerminal()).toArray(OrderState[]::new);

    private final IntentRepository intents;
    private final OrderManager orders;
    private final MarketCalendar calendar;

    public TimeExits(IntentRepository intents, OrderManager orders, MarketCalendar calendar) {
        this.intents = intents;
        this.orders = orders;
        this.calendar = calendar;
    }

    /** One line per intent settled or exit sent at {@code now}. */
    public List<String> run(Instant now) {
        List<String> done = new ArrayList<>();
        List<IntentRepository.HeldTrade> held = intents.awaitingTimeExit(orders.account());
        if (held.isEmpty()) return done;   // the common tick: one query, nothing more
        OrderRepository repo = orders.repository();
        for (IntentRepository.HeldTrade t : held) {
            try {
                String outcome = handle(t, now, repo);
                if (outcome != null) done.add("intent " + t.intentId() + " " + t.symbol() + ": " + outcome);
            } catch (RuntimeException e) {
                log.warn("time exit of intent {} ({}): {}", t.intentId(), t.symbol(), e.getMessage());
            }
        }
        return done;
    }

    private String handle(IntentRepository.HeldTrade t, Instant now, OrderRepository repo) {
        StoredOrder entry = repo.get(t.orderId());
        if (entry.filledQuantity() <= 0) {
            if (entry.state().isTerminal()) return settle(t, now, "entry " + entry.state() + " without a fill: nothing to close");
            return null;   // not filled yet: the holding period has not started
        }
        Optional<Instant> filled = repo.firstFillAt(entry.id());
        if (filled.isEmpty()) return null;
        Instant due = HoldingPeriod.exitBy(calendar, Timeframe.parse(t.holdTimeframe()), t.holdBars(), filled.get());
        if (now.isBefore(due)) return null;
        long held = repo.positions(orders.account()).stream().filter(p -> p.symbol().equals(t.symbol()))
                .mapToLong(OrderRepository.BookPosition::quantity).sum();
        if (held <= 0) return settle(t, now, "closed before its holding limit (" + limit(t) + ")");
        boolean exitWorking = repo.inStates(orders.account(), OPEN).stream()
                .anyMatch(o -> o.symbol().equals(t.symbol()) && o.role() == OrderRole.EXIT);
        if (exitWorking) return settle(t, now, "an exit for " + t.symbol() + " was already working at its holding limit");
        OrderManager.FlattenResult r = orders.close(t.symbol(), "time exit");
        if (r.exits().isEmpty() || !r.problems().isEmpty()) {
            log.warn("time exit of {} (intent {}) not done yet, tried again next tick: {}", t.symbol(), t.intentId(), r.problems());
            return null;
        }
        StoredOrder exit = r.exits().get(0);
        log.info("time exit: {} closed at market, order {} ({}), {} after the entry's first fill", t.symbol(), exit.id(), exit.state(), limit(t));
        return settle(t, now, "closed at market by order " + exit.id() + " after " + limit(t));
    }

    private static String limit(IntentRepository.HeldTrade t) {
        return t.holdBars() + " x " + t.holdTimeframe() + " bars";
    }

    private String settle(IntentRepository.HeldTrade t, Instant now, String detail) {
        intents.settleTimeExit(t.intentId(), now, detail);
        return detail;
    }
}
