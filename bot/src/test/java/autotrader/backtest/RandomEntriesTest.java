package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.orders.EntryType;
import autotrader.orders.OrderRequest;
import autotrader.orders.Side;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.scan.Candidate;
import autotrader.scan.Momentum;
import autotrader.scan.ScanResult;
import autotrader.store.Store;
import autotrader.testing.InMemoryMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The random-entries baseline on a hand-made market: 21 sessions of history (AAA alternating
 * between 100 and 101; BBB = AAA^2 / 100, so exactly twice AAA's log-return volatility; CCC near
 * 50), a decision at session 20's close, then nine sessions whose bars decide the exits.
 */
class RandomEntriesTest {

    private static final MarketCalendar CAL = MarketCalendar.nyse();
    private static final PaperFillModel COSTS = new PaperFillModel(5, 0.005, 1.0);
    private static final List<LocalDate> DAYS = sessions(30);
    private static final Instant DECIDED = CAL.closeInstant(DAYS.get(20));

    @TempDir
    Path tmp;

    private static List<LocalDate> sessions(int n) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2025, 2, 3); out.size() < n; d = d.plusDays(1)) if (CAL.isTradingDay(d)) out.add(d);
        return out;
    }

    private static Bar bar(int day, double open, double high, double low, double close) {
        return new Bar(CAL.openInstant(DAYS.get(day)), CAL.closeInstant(DAYS.get(day)), open, high, low, close, 1_000_000);
    }

    static InMemoryMarket market() {
        List<Bar> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double ca = i % 2 == 0 ? 100 : 101, oa = i % 2 == 0 ? 101 : 100;
            a.add(bar(i, oa, 101.5, 99.5, ca));
            b.add(bar(i, oa * oa / 100, 103.5, 98.5, ca * ca / 100));
            c.add(bar(i, 50, 50.5, 49.5, i % 2 == 0 ? 50 : 50.2));
        }
        // AAA after the decision: entry at session 21's open, the 104 target touched on session 22.
        a.add(bar(21, 100.5, 101, 99.5, 100.8));
        a.add(bar(22, 101, 104.5, 100.5, 104.2));
        // BBB: dips 3 % on session 22 (a 2 % stop would fire, twice that not), reaches 108.5 on session 23.
        b.add(bar(21, 100, 100.5, 99.5, 100));
        b.add(bar(22, 100, 100.2, 97, 98));
        b.add(bar(23, 98, 108.5, 97.5, 108.2));
        for (int i = 23; i < DAYS.size(); i++) a.add(bar(i, 104, 104.5, 103.5, 104));
        for (int i = 24; i < DAYS.size(); i++) b.add(bar(i, 108, 108.5, 107.5, 108));
        for (int i = 21; i < DAYS.size(); i++) c.add(bar(i, 50, 50.5, 49.5, 50));
        InMemoryMarket m = new InMemoryMarket();
        m.putDaily("AAA", a);
        m.putDaily("BBB", b);
        m.putDaily("CCC", c);
        return m;
    }

    private static RandomEntries entries(InMemoryMarket m) {
        return new RandomEntries(m, CAL, COSTS, Timeframe.D1);
    }

    /** The real trade: 100 AAA bought on the decision with a 98 stop and a 104 target, through the paper broker; its state db holds the scan. */
    private record Real(Store store, List<Fill> fills, List<RoundTrip> trips) {
    }

    private Real realTrade(List<String> scan) {
        InMemoryMarket m = market();
        Store store = Store.open(tmp.resolve("real.db"), 5000);
        AtomicReference<Instant> now = new AtomicReference<>(DECIDED);
        PaperBroker broker = new PaperBroker(store.jdbi(), m, now::get, COSTS, BigDecimal.valueOf(100_000), Timeframe.D1);
        broker.place(OrderRequest.entry("t1", "AAA", Side.BUY, 100, EntryType.MARKET, null, new BigDecimal("98.00"), new BigDecimal("104.00"), null));
        List<Candidate> cands = new ArrayList<>();
        for (String s : scan) cands.add(new Candidate(cands.size() + 1, new Momentum(s, 1, 50, 1, 0, 1, "up"), 100));
        store.scans().save(new ScanResult(DECIDED, DECIDED, "test", true, "momentum", scan.size(), scan.size(), List.of(), 0, cands));
        now.set(CAL.closeInstant(DAYS.get(DAYS.size() - 1)));
        broker.balances();
        List<Fill> fills = PaperFills.read(store.jdbi());
        return new Real(store, fills, RoundTrips.pair(fills, f -> 0.8, (s, t) -> null, now.get()));
    }

    @Test
    void drawingTheRealSymbolReproducesThePaperBrokersTradeExactly() {
        Real real = realTrade(List.of("AAA"));
        assertEquals(1, real.trips().size());
        RoundTrip t = real.trips().get(0);
        assertEquals("take-profit", t.exitReason(), "the fixture's real trade leaves by its target");

        List<RandomEntries.Entry> es = RandomEntries.entries(real.store(), real.fills(), real.trips());
        assertEquals(1, es.size());
        RandomEntries.Entry e = es.get(0);
        assertEquals(DECIDED, e.decidedAt());
        assertEquals(List.of("AAA"), e.candidates());
        assertEquals(98.0, e.stopPrice(), 1e-9);
        assertEquals(104.0, e.targetPrice(), 1e-9);
        assertEquals(RandomEntries.ExitRule.BRACKET, e.exit());

        RandomEntries.Result r = entries(market()).run(es, DAYS, 100_000, 20, 7, 0);
        assertEquals(20, r.draws());
        for (RandomEntries.Draw d : r.drawList()) {
            RoundTrip x = d.trips().get(0);
            assertEquals(t.entryAt(), x.entryAt());
            assertEquals(t.exitAt(), x.exitAt());
            assertEquals(t.quantity(), x.quantity());
            assertEquals(t.entryPrice(), x.entryPrice(), 1e-9);
            assertEquals(t.exitPrice(), x.exitPrice(), 1e-9);
            assertEquals(t.pnl(), x.pnl(), 1e-9);
            assertEquals("take-profit", x.exitReason());
            // The draw's account: cash until the entry, the position marked at session 21's close (100.8), the P&L once it is closed.
            assertEquals(100_000, d.equity()[20], 1e-9);
            assertEquals(100_000 - 100 * t.entryPrice() - 1 + 100 * 100.8, d.equity()[21], 1e-6);
            assertEquals(100_000 + t.pnl(), d.equity()[22], 1e-6);
            assertEquals(100_000 + t.pnl(), d.equity()[DAYS.size() - 1], 1e-6);
        }
    }

    @Test
    void theBracketIsRescaledByTheDrawnSymbolsVolatility() {
        RoundTrip real = RoundTrip.of("AAA", CAL.openInstant(DAYS.get(21)), CAL.openInstant(DAYS.get(22)), 100, 100.5503, 104, 1, 1,
                "take-profit", 0.8, false);
        // BBB moves exactly twice as much as AAA (in log terms): its stop sits 4 % below 100, its target 8 % above.
        var e = new RandomEntries.Entry(real, DECIDED, List.of("BBB"), 98, 104, RandomEntries.ExitRule.BRACKET);
        RoundTrip x = entries(market()).simulate(e, "BBB", CAL.closeInstant(DAYS.get(29))).orElseThrow().trip();
        assertEquals(CAL.openInstant(DAYS.get(21)), x.entryAt());
        assertEquals(100.05, x.entryPrice(), 1e-9);                       // 100 + 5 bps
        assertEquals(100, x.quantity());                                    // the real notional, 10,055.03, at BBB's 100
        assertEquals("take-profit", x.exitReason(), "the 3 % dip stays above a 4 % stop");
        assertEquals(108.0, x.exitPrice(), 1e-9);
        assertEquals(CAL.openInstant(DAYS.get(23)), x.exitAt());
        assertEquals(100 * (108 - 100.05) - 2, x.pnl(), 1e-9);

        // Unscaled (a real BBB trade with the 2 % stop, BBB drawn for it), the same dip stops it out at 98.
        RoundTrip realBbb = RoundTrip.of("BBB", real.entryAt(), real.exitAt(), 100, 100.05, 104, 1, 1, "stop-loss", 0.8, false);
        var unscaled = new RandomEntries.Entry(realBbb, DECIDED, List.of("BBB"), 98, 104, RandomEntries.ExitRule.BRACKET);
        RoundTrip y = entries(market()).simulate(unscaled, "BBB", CAL.closeInstant(DAYS.get(29))).orElseThrow().trip();
        assertEquals("stop-loss", y.exitReason());
        assertEquals(98 * 0.9995, y.exitPrice(), 1e-9);
        assertEquals(CAL.openInstant(DAYS.get(22)), y.exitAt());
    }

    @Test
    void aMarketExitIsMatchedByTheHoldingPeriod() {
        RoundTrip real = RoundTrip.of("AAA", CAL.openInstant(DAYS.get(21)), CAL.openInstant(DAYS.get(25)), 100, 100.5503, 104, 1, 1,
                "market exit", 0.8, false);
        var e = new RandomEntries.Entry(real, DECIDED, List.of("CCC"), Double.NaN, Double.NaN, RandomEntries.ExitRule.MATCHED_HOLDING);
        RoundTrip x = entries(market()).simulate(e, "CCC", CAL.closeInstant(DAYS.get(29))).orElseThrow().trip();
        assertEquals(CAL.openInstant(DAYS.get(25)), x.exitAt());
        assertEquals("matched exit", x.exitReason());
        assertEquals(49.975, x.exitPrice(), 1e-9);                          // 50 - 5 bps
        assertEquals(50.025, x.entryPrice(), 1e-9);
        assertEquals((long) Math.floor(10_055.03 / 50), x.quantity());     // the real notional at CCC's last close before the decision
        assertFalse(x.open());
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndTheDrawsVary() {
        Real real = realTrade(List.of("AAA", "BBB", "CCC"));
        List<RandomEntries.Entry> es = RandomEntries.entries(real.store(), real.fills(), real.trips());
        RandomEntries.Result a = entries(market()).run(es, DAYS, 100_000, 20, 11, 0), b = entries(market()).run(es, DAYS, 100_000, 20, 11, 0);
        Set<String> drawn = new HashSet<>();
        for (int k = 0; k < 20; k++) {
            assertEquals(a.drawList().get(k).trips(), b.drawList().get(k).trips());
            drawn.add(a.drawList().get(k).trips().get(0).symbol());
        }
        assertEquals(3, drawn.size(), "20 draws from three candidates pick each of them: " + drawn);
        RandomEntries.Result c = entries(market()).run(es, DAYS, 100_000, 20, 12, 0);
        List<String> seqA = a.drawList().stream().map(d -> d.trips().get(0).symbol()).toList();
        List<String> seqC = c.drawList().stream().map(d -> d.trips().get(0).symbol()).toList();
        assertFalse(seqA.equals(seqC), "another seed draws another sequence");
        assertThrows(IllegalArgumentException.class, () -> entries(market()).run(es, DAYS, 100_000, 0, 1, 0));
    }

    @Test
    void theSummaryPlacesTheStrategyInTheDistribution() {
        List<RandomEntries.Draw> draws = new ArrayList<>();
        for (int i = 1; i <= 20; i++) draws.add(new RandomEntries.Draw(List.of(), new double[] {1, 1}, i, i / 100.0, 0));
        RandomEntries.Result r = new RandomEntries.Result(20, 1, 1, 1, 0, draws, new double[] {1, 1});
        RandomEntries.Summary s = r.sharpe(15.5);
        assertEquals(10.5, s.mean(), 1e-12);
        assertEquals(1.95, s.p5(), 1e-12);         // 1 + 0.05 x 19 between order statistics
        assertEquals(10.5, s.p50(), 1e-12);
        assertEquals(19.05, s.p95(), 1e-12);
        assertEquals(75, s.strategyPercentile(), 1e-12);
        assertEquals(6.0 / 21, s.rankPValue(), 1e-12);
        RandomEntries.Summary tie = r.meanTradeReturn(0.20);
        assertEquals(100 * 19.5 / 20, tie.strategyPercentile(), 1e-12);   // the tie with the best draw counts half
        assertEquals(2.0 / 21, tie.rankPValue(), 1e-12);
        assertTrue(Double.isNaN(r.sharpe(Double.NaN).strategyPercentile()));
    }
}
