package autotrader.orders.paper;

import autotrader.market.Bar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.orders.Balances;
import autotrader.orders.BrokerPosition;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Reconciler;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.orders.TradingPausedException;
import autotrader.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class PaperBrokerTest {

    static final Instant T0 = Instant.parse("2024-06-12T14:00:00Z");

    @TempDir
    Path dir;
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final MinuteBars market = new MinuteBars();
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("paper.db"), 2000);
    }

    /** Minute bars set by hand; bars() honours asOf like every MarketData adapter. */
    static final class MinuteBars implements MarketData {
        final Map<String, List<Bar>> bars = new HashMap<>();

        /** A bar starting {@code minute} minutes after T0. */
        void bar(String symbol, int minute, double o, double h, double l, double c) {
            Instant s = T0.plus(Duration.ofMinutes(minute));
            bars.computeIfAbsent(symbol, k -> new ArrayList<>()).add(new Bar(s, s.plusSeconds(60), o, h, l, c, 1000));
        }

        public String name() { return "test minutes"; }
        public boolean simulated() { return true; }
        public List<String> universe() { return List.copyOf(bars.keySet()); }
        public boolean has(String symbol) { return bars.containsKey(symbol); }
        public List<Bar> bars(String symbol, Timeframe tf, Instant asOf, int count) {
            List<Bar> known = bars.getOrDefault(symbol, List.of()).stream().filter(b -> !b.end().isAfter(asOf)).toList();
            return known.subList(Math.max(0, known.size() - count), known.size());
        }
        public Optional<Bar> sessionSoFar(String symbol, Instant asOf) { return Optional.empty(); }
        public Instant lastAvailable() { return T0.plus(Duration.ofDays(1)); }
    }

    PaperBroker broker(double slippageBps, double perShare, double min) {
        return new PaperBroker(store.jdbi(), market, now::get, new PaperFillModel(slippageBps, perShare, min), new BigDecimal("10000"), Timeframe.M1);
    }

    OrderManager manager(PaperBroker b) {
        Clock c = Clock.systemUTC();
        return new OrderManager(b, new OrderRepository(store.jdbi(), c), new ControlFlags(store.jdbi(), c), (l, m) -> { }, CrashPoints.NONE, c);
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static void same(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), "expected " + expected + " but was " + actual);
    }

    @Test
    void aMarketOrderFillsAtTheNextBarsOpenWithSlippageAndCommission() {
        market.bar("AAA", 0, 10.00, 10.50, 9.90, 10.40);   // known before the order: never used
        market.bar("AAA", 2, 11.00, 11.20, 10.90, 11.10);
        now.set(T0.plusSeconds(90));                        // order placed inside minute 1 (no bar yet)
        PaperBroker b = broker(10, 0.01, 1.00);
        OrderManager m = manager(b);
        StoredOrder o = m.submit(OrderRequest.entry("p1", "AAA", Side.BUY, 100, EntryType.MARKET, null, null, null, null));
        assertEquals(OrderState.SUBMITTED, o.state(), "no bar after the order yet");
        now.set(T0.plusSeconds(180));
        o = m.refresh(o.id());
        assertEquals(OrderState.FILLED, o.state());
        same("11.011", o.avgFillPrice());                  // 11.00 + 10 bps
        // commission max(100 x 0.01, 1.00) = 1.00
        same("8897.90", b.balances().cash());               // 10000 - 1101.10 - 1.00
        assertEquals(100, m.repository().positions("paper").get(0).quantity(), "the bot's book followed the fill");
    }

    @Test
    void aSymbolRecordedOnlyInFiveMinuteBarsFillsOnThemWhenTheFillsRunOnMinutes() {
        // "FIVE" has 5-minute bars only (like the 5min-only files of ../shared/data); the broker fills on 1m.
        MarketData fiveOnly = new MarketData() {
            public String name() { return "5m only"; }
            public boolean simulated() { return true; }
            public List<String> universe() { return List.of("FIVE"); }
            public boolean has(String symbol) { return symbol.equals("FIVE"); }
            public List<Bar> bars(String symbol, Timeframe tf, Instant asOf, int count) {
                if (tf != Timeframe.M5) return List.of();
                List<Bar> all = List.of(new Bar(T0, T0.plusSeconds(300), 30.0, 30.4, 29.9, 30.2, 5000),
                        new Bar(T0.plusSeconds(300), T0.plusSeconds(600), 30.2, 30.6, 30.1, 30.5, 5000));
                List<Bar> known = all.stream().filter(b -> !b.end().isAfter(asOf)).toList();
                return known.subList(Math.max(0, known.size() - count), known.size());
            }
            public Optional<Bar> sessionSoFar(String symbol, Instant asOf) { return Optional.empty(); }
            public Instant lastAvailable() { return T0.plus(Duration.ofDays(1)); }
        };
        PaperBroker b = new PaperBroker(store.jdbi(), fiveOnly, now::get, new PaperFillModel(0, 0, 0), new BigDecimal("10000"), Timeframe.M1);
        OrderManager m = manager(b);
        StoredOrder o = m.submit(OrderRequest.entry("f1", "FIVE", Side.BUY, 10, EntryType.MARKET, null, null, null, null));
        now.set(T0.plusSeconds(300));
        o = m.refresh(o.id());
        assertEquals(OrderState.FILLED, o.state(), "filled on the 5-minute bar, not left waiting for minute bars the symbol has none of");
        same("30.00", o.avgFillPrice());
        now.set(T0.plusSeconds(600));
        same("305.00", b.balances().positionsValue());      // marked at the latest 5-minute close, 30.50
    }

    @Test
    void limitAndStopFillWhenBarsCrossThemAndGapsFillAtTheOpen() {
        PaperBroker b = broker(0, 0, 0);
        OrderManager m = manager(b);
        market.bar("LIM", 0, 20.0, 20.2, 19.8, 20.0);
        market.bar("LIM", 1, 19.9, 19.95, 19.40, 19.6);    // crosses 19.50: fills at the limit
        market.bar("GAP", 0, 20.0, 20.2, 19.8, 20.0);
        market.bar("GAP", 1, 19.0, 19.3, 18.9, 19.2);      // opens below 19.50: fills at the open
        StoredOrder lim = m.submit(OrderRequest.entry("l1", "LIM", Side.BUY, 10, EntryType.LIMIT, d("19.50"), null, null, null));
        StoredOrder gap = m.submit(OrderRequest.entry("g1", "GAP", Side.BUY, 10, EntryType.LIMIT, d("19.50"), null, null, null));
        now.set(T0.plusSeconds(60));
        assertEquals(OrderState.SUBMITTED, m.refresh(lim.id()).state(), "the first bar does not reach the limit");
        now.set(T0.plusSeconds(120));
        same("19.50", m.refresh(lim.id()).avgFillPrice());
        same("19.00", m.refresh(gap.id()).avgFillPrice());

        // a stop below the market: touched intrabar -> the stop; gapped through -> the open
        market.bar("LIM", 2, 19.6, 19.7, 18.90, 19.0);
        StoredOrder stop = m.submit(OrderRequest.protection("s1", "LIM", Side.SELL, 10, d("19.00"), null, null));
        market.bar("GAP", 2, 19.2, 19.3, 19.1, 19.2);
        market.bar("GAP", 3, 18.0, 18.2, 17.9, 18.1);
        StoredOrder stop2 = m.submit(OrderRequest.protection("s2", "GAP", Side.SELL, 10, d("19.00"), null, null));
        now.set(T0.plusSeconds(240));
        same("19.00", m.refresh(stop.id()).avgFillPrice());
        same("18.00", m.refresh(stop2.id()).avgFillPrice());
    }

    @Test
    void bracketLegsWakeAfterTheEntryAndOneCancelsTheOther() {
        PaperBroker b = broker(0, 0, 0);
        OrderManager m = manager(b);
        market.bar("BRK", 0, 50.0, 50.5, 49.5, 50.0);
        market.bar("BRK", 1, 50.0, 51.0, 49.9, 50.8);
        market.bar("BRK", 2, 50.8, 52.5, 50.7, 52.0);   // reaches the take-profit 52.00
        StoredOrder e = m.submit(OrderRequest.entry("b1", "BRK", Side.BUY, 10, EntryType.MARKET, null, d("48.00"), d("52.00"), null));
        now.set(T0.plusSeconds(180));
        e = m.refresh(e.id());
        assertEquals(OrderState.FILLED, e.state());
        List<StoredOrder> legs = m.repository().children(e.id());
        assertEquals(OrderState.FILLED, legs.stream().filter(k -> k.role() == OrderRole.TAKE_PROFIT).findFirst().orElseThrow().state());
        assertEquals(OrderState.CANCELED, legs.stream().filter(k -> k.role() == OrderRole.STOP_LOSS).findFirst().orElseThrow().state());
        assertTrue(b.positions().isEmpty());
        same("10020.00", b.balances().cash());             // bought 10 @ 50.00, sold @ 52.00
        assertTrue(m.repository().positions("paper").isEmpty(), "the bot's book followed the fills");
        same("20.00", m.repository().cash("paper").orElseThrow()); // the bot's own ledger: movements since its first snapshot
    }

    @Test
    void theAccountPersistsAcrossReopenAndCashPlusPositionsIsEquity() {
        market.bar("PER", 0, 30.0, 30.5, 29.5, 30.2);
        market.bar("PER", 1, 30.2, 31.0, 30.0, 30.9);
        StoredOrder o = manager(broker(5, 0, 0)).submit(OrderRequest.entry("e1", "PER", Side.BUY, 20, EntryType.MARKET, null, null, null, null));
        now.set(T0.plusSeconds(120));
        manager(broker(5, 0, 0)).refresh(o.id());

        store = Store.open(dir.resolve("paper.db"), 2000);              // a restart: everything from SQLite
        PaperBroker again = broker(5, 0, 0);
        Balances bal = again.balances();
        List<BrokerPosition> ps = again.positions();
        assertEquals(1, ps.size());
        same("20", ps.get(0).quantity());
        same("9399.70", bal.cash());                                   // 10000 - 20 x 30.015
        same("618.00", bal.positionsValue());                          // 20 x last close 30.90
        assertEquals(0, bal.cash().add(bal.positionsValue()).compareTo(bal.equity()));
        assertTrue(new Reconciler(manager(again), (l, m) -> { }, Duration.ZERO, d -> { }).reconcile().clean());
    }

    @Test
    void pauseStopsNewEntriesButNotExits() {
        PaperBroker b = broker(0, 0, 0);
        OrderManager m = manager(b);
        market.bar("PAU", 0, 10.0, 10.1, 9.9, 10.0);
        m.flags().setPaused(true, "test");
        assertThrows(TradingPausedException.class,
                () -> m.submit(OrderRequest.entry("x1", "PAU", Side.BUY, 1, EntryType.MARKET, null, null, null, null)));
        assertNotNull(m.record(OrderRequest.marketExit("x2", "PAU", Side.SELL, 1), null));
    }

    @Test
    void illegalTransitionsAreRefused() {
        OrderManager m = manager(broker(0, 0, 0));
        market.bar("ILL", 0, 10.0, 10.1, 9.9, 10.0);
        StoredOrder o = m.record(OrderRequest.entry("i1", "ILL", Side.BUY, 1, EntryType.MARKET, null, null, null, null), null);
        assertThrows(IllegalStateException.class, () -> m.repository().transition(o.id(), OrderState.FILLED, "skip ahead"));
        assertThrows(IllegalStateException.class, () -> m.send(o.id()), "not approved yet");
        m.repository().transition(o.id(), OrderState.CANCELED, "test");
        assertThrows(IllegalStateException.class, () -> m.repository().transition(o.id(), OrderState.APPROVED, "revive"));
        assertEquals(2, m.repository().events(o.id()).size());
    }
}
