package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.orders.EntryType;
import autotrader.orders.OrderRequest;
import autotrader.orders.Side;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.market.Timeframe;
import autotrader.store.Store;
import autotrader.testing.InMemoryMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Costs reduce returns by exactly the expected amount: one trade list replayed through the paper
 * broker the backtest uses (and through the baselines' book), once with slippage and commission and
 * once without.
 */
class CostsTest {

    private static final MarketCalendar CAL = MarketCalendar.nyse();
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 5),
            LocalDate.of(2025, 3, 6), LocalDate.of(2025, 3, 7));
    // Opens chosen so the slipped prices are exact at 4 decimals: 100 x 1.0005 = 100.05, 110 x 0.9995 = 109.945.
    private static final double[] OPENS = {99, 100, 105, 110, 111};

    @TempDir
    Path tmp;

    private static InMemoryMarket market() {
        InMemoryMarket m = new InMemoryMarket();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < DAYS.size(); i++) {
            double o = OPENS[i];
            bars.add(new Bar(CAL.openInstant(DAYS.get(i)), CAL.closeInstant(DAYS.get(i)), o, o + 2, o - 2, o + 1, 1_000_000));
        }
        m.putDaily("AAA", bars);
        return m;
    }

    /** Buy 100 at day 0's close (fills at day 1's open), sell at day 2's close (fills at day 3's open); returns the paper broker's round trip and cash. */
    private RoundTrip replay(String name, PaperFillModel model, double[] cashOut) {
        Store store = Store.open(tmp.resolve(name + ".db"), 5000);
        AtomicReference<Instant> now = new AtomicReference<>(CAL.closeInstant(DAYS.get(0)));
        PaperBroker broker = new PaperBroker(store.jdbi(), market(), now::get, model, BigDecimal.valueOf(100_000), Timeframe.D1);
        broker.place(OrderRequest.entry("t1", "AAA", Side.BUY, 100, EntryType.MARKET, null, null, null, null));
        now.set(CAL.closeInstant(DAYS.get(2)));
        broker.balances();
        broker.place(OrderRequest.marketExit("t1", "AAA", Side.SELL, 100));
        now.set(CAL.closeInstant(DAYS.get(4)));
        cashOut[0] = broker.balances().cash().doubleValue();
        List<Fill> fills = PaperFills.read(store.jdbi());
        assertEquals(2, fills.size(), "a buy and a sell fill");
        new LookAheadCheck(null, null).checkFills(fills);
        List<RoundTrip> trips = RoundTrips.pair(fills, f -> Double.NaN, (s, t) -> null, now.get());
        assertEquals(1, trips.size());
        return trips.get(0);
    }

    @Test
    void slippageAndCommissionComeOffThePaperBrokersRoundTripExactly() {
        double[] cashCosts = new double[1], cashFree = new double[1];
        RoundTrip costly = replay("costs", new PaperFillModel(5, 0.005, 1.0), cashCosts);
        RoundTrip free = replay("free", new PaperFillModel(0, 0, 0), cashFree);
        assertEquals(100.0, free.entryPrice(), 1e-9);
        assertEquals(110.0, free.exitPrice(), 1e-9);
        assertEquals(1000.0, free.pnl(), 1e-9);
        // Expected cost of the trade: slippage 5 bps on both legs, 100 x (100 x 0.0005 + 110 x 0.0005) = 5.00 + 5.50 = 10.50,
        // plus commission max(0.005 x 100, 1.00) = 1.00 per order, twice = 2.00: 12.50 in all.
        double expected = 100 * (100 * 0.0005 + 110 * 0.0005) + 2 * Math.max(0.005 * 100, 1.0);
        assertEquals(12.5, expected, 1e-12);
        assertEquals(100.05, costly.entryPrice(), 1e-9);
        assertEquals(109.945, costly.exitPrice(), 1e-9);
        assertEquals(free.pnl() - expected, costly.pnl(), 1e-9);
        assertEquals(cashFree[0] - expected, cashCosts[0], 1e-9);
        // Return per trade: 987.50 / (10,005 + 1) with costs against 1,000 / 10,000 without.
        assertEquals(987.5 / 10_006.0, costly.returnPct(), 1e-12);
        assertEquals(0.1, free.returnPct(), 1e-12);
    }

    @Test
    void theBaselinesBookChargesTheSameCosts() {
        double[] end = new double[2];
        PaperFillModel[] models = {new PaperFillModel(5, 0.005, 1.0), new PaperFillModel(0, 0, 0)};
        for (int k = 0; k < 2; k++) {
            BaselinePortfolio p = new BaselinePortfolio(market(), CAL, models[k], 100_000);
            p.execute(List.of(new BaselinePortfolio.Order("AAA", Side.BUY, 100)), DAYS.get(1));
            p.execute(List.of(new BaselinePortfolio.Order("AAA", Side.SELL, 100)), DAYS.get(3));
            end[k] = p.equity(DAYS.get(4));
        }
        assertEquals(101_000, end[1], 1e-9);
        assertEquals(end[1] - 12.5, end[0], 1e-9);
    }
}
