package autotrader.approvals;

import autotrader.alerts.Notifier;
import autotrader.market.HoldingPeriod;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.StoredOrder;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.rules.TradeIntent;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trade with a holding limit leaves at market once, when the limit is reached, on the paper broker over the simulator. */
class TimeExitsTest {

    private static final SimMarket MARKET = new SimMarket(new SimSettings(3, 20, null));
    private static final Instant NOON = LocalDateTime.parse("2024-06-12T12:00").atZone(MarketCalendar.NEW_YORK).toInstant();
    private static final String SYMBOL = "SIM0001";

    @TempDir
    Path dir;
    Store store;
    MutableClock clock;
    OrderManager orders;
    ApprovalService approvals;
    IntentRepository intents;
    TimeExits exits;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("state.db"), 5000);
        clock = new MutableClock(NOON);
        orders = new OrderManager(
                new PaperBroker(store.jdbi(), MARKET, clock::instant, new PaperFillModel(5, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1),
                new OrderRepository(store.jdbi(), clock), new ControlFlags(store.jdbi(), clock), Notifier.log(), CrashPoints.NONE, clock);
        intents = new IntentRepository(store.jdbi());
        approvals = new ApprovalService(intents, orders, store, clock, LastPrice.from(MARKET),
                new ApprovalService.Settings(Duration.ofMinutes(5), 0.05, true, Exposure.Limits.NONE));
        exits = new TimeExits(intents, orders, MarketCalendar.nyse());
    }

    private long enter(int holdBars, double stopFraction, double targetFraction) {
        double p = LastPrice.from(MARKET).at(SYMBOL, NOON).orElseThrow();
        TradeIntent t = new TradeIntent(SYMBOL, "BUY", 10, "MARKET", p, Double.NaN, p * (1 - stopFraction), p * (1 + targetFraction), 0, 1,
                0.75, 0.5, 4, "5m", List.of("stop and target: the trade the model scored"), "test-rules", holdBars, "5m");
        return approvals.propose(t, p).intent().intentId();
    }

    /** The monitor's order read-back, then the time exits, at {@code t}. */
    private List<String> tick(Instant t) {
        clock.set(t);
        for (StoredOrder o : orders.repository().sentNeedingSync(orders.account())) {
            orders.refresh(o.id());
            for (StoredOrder c : orders.repository().children(o.id())) if (c.brokerOrderId() != null) orders.refresh(c.id());
        }
        return exits.run(t);
    }

    private long held() {
        return orders.repository().positions(orders.account()).stream().filter(p -> p.symbol().equals(SYMBOL))
                .mapToLong(OrderRepository.BookPosition::quantity).sum();
    }

    private long exitOrders() {
        return orders.repository().all(orders.account(), 100).stream().filter(o -> o.role() == OrderRole.EXIT).count();
    }

    @Test
    void closedAtMarketAfterItsBarsAndOnlyOnce() {
        long id = enter(3, 0.5, 0.5);                       // stop and target far away: only the time can end it
        tick(NOON.plusSeconds(60));
        assertEquals(10, held(), "entered on the next minute bar");
        Instant fill = orders.repository().firstFillAt(intents.find(id).orElseThrow().orderId()).orElseThrow();
        Instant due = HoldingPeriod.exitBy(MarketCalendar.nyse(), Timeframe.M5, 3, fill);

        assertTrue(tick(due.minusSeconds(1)).isEmpty(), "not a second before its third 5-minute bar ends");
        assertEquals(0, exitOrders());
        List<String> done = tick(due);
        assertEquals(1, done.size(), done::toString);
        assertTrue(done.get(0).contains("closed at market"), done::toString);
        assertEquals(1, exitOrders());
        assertTrue(orders.repository().children(intents.find(id).orElseThrow().orderId()).stream().allMatch(c -> c.state().isTerminal()),
                "the bracket's legs were canceled before the exit");

        tick(due.plusSeconds(120));
        assertEquals(0, held(), "the exit filled");
        assertTrue(tick(due.plusSeconds(300)).isEmpty(), "settled: nothing more is sent");
        assertEquals(1, exitOrders());
        assertTrue(intents.timeExitDetail(id).orElseThrow().startsWith("closed at market by order"));
    }

    @Test
    void aPositionClosedByItsStopOrTargetFirstIsSettledWithoutAnExit() {
        long id = enter(500, 0.5, 0.5);
        tick(NOON.plusSeconds(60));
        orders.close(SYMBOL, "trader");                     // closed some other way before the limit
        tick(NOON.plusSeconds(180));
        assertEquals(0, held());
        StoredOrder entry = orders.repository().get(intents.find(id).orElseThrow().orderId());
        Instant fill = orders.repository().firstFillAt(entry.id()).orElseThrow();
        Instant due = HoldingPeriod.exitBy(MarketCalendar.nyse(), Timeframe.M5, 500, fill);
        List<String> done = tick(due);
        assertTrue(done.get(0).contains("closed before its holding limit"), done::toString);
        assertEquals(1, exitOrders(), "only the trader's own exit");
    }

    @Test
    void anExitAlreadyWorkingIsNotSentAgain() {
        long id = enter(1, 0.5, 0.5);
        tick(NOON.plusSeconds(60));
        // As after a crash between the exit and its settling: the exit is working (sent, not yet filled) when the monitor comes back.
        StoredOrder entry = orders.repository().get(intents.find(id).orElseThrow().orderId());
        Instant due = HoldingPeriod.exitBy(MarketCalendar.nyse(), Timeframe.M5, 1,
                orders.repository().firstFillAt(entry.id()).orElseThrow());
        clock.set(due);
        orders.close(SYMBOL, "time exit");
        assertTrue(orders.repository().inStates(orders.account(), OrderState.SUBMITTED, OrderState.WAITING).stream()
                .anyMatch(o -> o.role() == OrderRole.EXIT), "the exit waits for the next bar");
        List<String> done = exits.run(due);
        assertTrue(done.get(0).contains("already working"), done::toString);
        assertEquals(1, exitOrders());
    }
}
