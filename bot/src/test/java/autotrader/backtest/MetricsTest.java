package autotrader.backtest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics on a hand-made equity curve and trade list, against values worked out by hand below. */
class MetricsTest {

    private static final double EPS = 1e-4;

    // Equity 100 -> 110 -> 99 -> 108.9 -> 130.68: daily returns +10 %, -10 %, +10 %, +20 % (n = 4).
    private static final double[] EQUITY = {100, 110, 99, 108.9, 130.68};

    @Test
    void equityCurveMeasuresMatchTheHandComputedValues() {
        Metrics.EquityStats s = Metrics.equity(EQUITY, 0.0);
        // total return = 130.68 / 100 - 1 = 0.3068
        assertEquals(0.3068, s.totalReturn(), 1e-9);
        // CAGR = 1.3068^(252 / 4) - 1 = 1.3068^63 - 1
        assertEquals(Math.pow(1.3068, 63) - 1, s.cagr(), 1e-6 * Math.pow(1.3068, 63));
        // mean = (0.1 - 0.1 + 0.1 + 0.2) / 4 = 0.075
        // deviations 0.025, -0.175, 0.025, 0.125 -> squares 0.000625 + 0.030625 + 0.000625 + 0.015625 = 0.0475
        // sample variance = 0.0475 / 3 = 0.0158333; sd = 0.1258306
        // annualised volatility = 0.1258306 x sqrt(252) = 0.1258306 x 15.8745079 = 1.997498
        assertEquals(1.997498, s.annualVolatility(), EPS);
        // Sharpe = 0.075 / 0.1258306 x 15.8745079 = 9.46183
        assertEquals(9.46183, s.sharpe(), EPS);
        // downside deviation = sqrt((0 + 0.01 + 0 + 0) / 4) = 0.05; Sortino = 0.075 / 0.05 x 15.8745079 = 23.81176
        assertEquals(23.81176, s.sortino(), EPS);
        // peak 110 (index 1), trough 99 (index 2): 1 - 99/110 = 0.1; back above 110 at index 4: 4 - 1 = 3 sessions
        assertEquals(0.1, s.maxDrawdown(), 1e-9);
        assertEquals(3, s.maxDrawdownDays());
    }

    @Test
    void theRiskFreeRateIsTakenOffEachDaysReturn() {
        // rf 2.52 % a year = 0.0001 a day: mean excess 0.0749
        // Sharpe = 0.0749 / 0.1258306 x 15.8745079 = 9.44922; downside: min(0, r - 0.0001) = 0, -0.1001, 0, 0
        // -> sqrt(0.01002001 / 4) = 0.0500500; Sortino = 0.0749 / 0.05005 x 15.8745079 = 23.75626
        Metrics.EquityStats s = Metrics.equity(EQUITY, 0.0252);
        assertEquals(9.44922, s.sharpe(), EPS);
        assertEquals(23.75626, s.sortino(), EPS);
    }

    @Test
    void theSharpeOfDailyReturnsIsTheCurvesSharpe() {
        // The bootstrap resamples daily returns and recomputes the Sharpe ratio with this function: it must be the curve's own.
        assertEquals(9.46183, Metrics.sharpe(Metrics.dailyReturns(EQUITY), 0), EPS);
        assertEquals(9.44922, Metrics.sharpe(Metrics.dailyReturns(EQUITY), 0.0252), EPS);
        assertTrue(Double.isNaN(Metrics.sharpe(new double[] {0.01, 0.01, 0.01}, 0)), "no variance, no Sharpe");
        assertTrue(Double.isNaN(Metrics.sharpe(new double[] {0.01}, 0)));
    }

    @Test
    void aDrawdownThatNeverRecoversLastsToTheEnd() {
        // peak 120 at index 1, lowest 90 at index 3 (25 %), never back: 4 - 1 = 3 sessions
        Metrics.Drawdown d = Metrics.maxDrawdown(new double[] {100, 120, 100, 90, 95});
        assertEquals(0.25, d.depth(), 1e-12);
        assertEquals(3, d.days());
        assertEquals(List.of(0.0, 0.0, 1 - 100 / 120.0, 0.25, 1 - 95 / 120.0),
                Arrays.stream(Metrics.drawdownSeries(new double[] {100, 120, 100, 90, 95})).boxed().toList());
    }

    @Test
    void tradeStatisticsFromRoundTrips() {
        Instant t0 = Instant.parse("2024-01-02T14:30:00Z");
        // +10 % (pnl +100), -5 % (pnl -50), +2 % (pnl +20), no commissions
        List<RoundTrip> trips = List.of(
                RoundTrip.of("A", t0, t0.plusSeconds(86_400 * 3), 10, 100, 110, 0, 0, "take-profit", 0.8, false),
                RoundTrip.of("B", t0, t0.plusSeconds(86_400), 10, 100, 95, 0, 0, "stop-loss", 0.75, false),
                RoundTrip.of("C", t0, t0.plusSeconds(86_400 * 2), 10, 100, 102, 0, 0, "stop-loss", 0.9, false));
        Metrics.TradeStats s = Metrics.trades(trips);
        assertEquals(3, s.trades());
        assertEquals(2 / 3.0, s.winRate(), 1e-12);                 // 2 winners of 3
        assertEquals((0.10 - 0.05 + 0.02) / 3, s.avgReturn(), 1e-12); // 0.023333
        assertEquals((0.10 + 0.02) / 2, s.avgWinner(), 1e-12);      // 0.06
        assertEquals(-0.05, s.avgLoser(), 1e-12);
        assertEquals(120 / 50.0, s.profitFactor(), 1e-12);          // (100 + 20) / 50 = 2.4
        assertEquals(2.0, s.avgHoldingDays(), 1e-12);               // (3 + 1 + 2) / 3
    }

    @Test
    void commissionsComeOffATradesReturn() {
        // 10 shares 100 -> 110 with $1 each way: pnl = 100 - 2 = 98; cost basis 1000 + 1 = 1001; return 98 / 1001
        RoundTrip t = RoundTrip.of("A", Instant.EPOCH, Instant.EPOCH, 10, 100, 110, 1, 1, "x", Double.NaN, false);
        assertEquals(98, t.pnl(), 1e-12);
        assertEquals(98 / 1001.0, t.returnPct(), 1e-12);
    }

    @Test
    void exposureAndTurnover() {
        // positions 0, 50, 50, 0 on equity 100: in the market 2 of 4 days, gross (0 + .5 + .5 + 0) / 4 = 0.25
        Metrics.Exposure e = Metrics.exposure(new double[] {0, 50, 50, 0}, new double[] {100, 100, 100, 100});
        assertEquals(0.5, e.daysInMarket(), 1e-12);
        assertEquals(0.25, e.averageGross(), 1e-12);
        // 253 closes = 252 returns = 1 year; traded 400 (buys + sells) -> 400 / 2 / 100 / 1 = 2 books a year
        double[] flat = new double[253];
        Arrays.fill(flat, 100);
        assertEquals(2.0, Metrics.turnover(400, flat), 1e-12);
    }
}
