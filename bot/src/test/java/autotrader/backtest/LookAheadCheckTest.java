package autotrader.backtest;

import autotrader.market.MarketData;
import autotrader.orders.Side;
import autotrader.pipeline.CycleRunner;
import autotrader.predict.Predictors;
import autotrader.scan.ScanService;
import autotrader.scan.Strategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check the backtester runs: a clean market passes it, a market that leaks the next bar into every read is caught and named. */
class LookAheadCheckTest {

    static ExecutorService pool;
    static Predictors predictors;

    @BeforeAll
    static void setUp() {
        pool = Executors.newFixedThreadPool(2);
        predictors = new Predictors(Path.of("..", "models", "predictors"));
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    private static CycleRunner runner(MarketData m) {
        return new CycleRunner(m, new ScanService(m, new Strategy(), SyntheticDaily.CAL, Clock.systemUTC()), predictors, null, 60, pool);
    }

    private static final Instant T = SyntheticDaily.CAL.closeInstant(LocalDate.of(2025, 3, 12));

    @Test
    void aCleanMarketPasses() {
        LookAheadCheck check = new LookAheadCheck(SyntheticDaily.market(), LookAheadCheckTest::runner);
        check.checkInputs(T);
        LookAheadCheck.Result r = check.result();
        assertTrue(r.passed(), "clean market: " + r.problems());
        assertTrue(r.rowsCompared() >= 10, "the candidates' rows were compared: " + r.rowsCompared());
    }

    @Test
    void aFeatureThatPeeksOneBarAheadIsCaughtAndNamed() {
        LookAheadCheck check = new LookAheadCheck(SyntheticDaily.leakingNextBar(SyntheticDaily.market()), LookAheadCheckTest::runner);
        check.checkInputs(T);
        LookAheadCheck.Result r = check.result();
        assertFalse(r.passed(), "the leak must be caught");
        String all = String.join("\n", r.problems());
        assertTrue(all.contains("look-ahead at " + T), all);
        // The problem names the inputs that moved, e.g. "1d.log_ret_1 (run ..., cut ...)".
        assertTrue(all.contains("1d.log_ret_1") || all.matches("(?s).*1d\\.[a-z_0-9]+ \\(run .*"), all);
    }

    @Test
    void aFillOnABarThatBeganBeforeItsOrderIsCaught() {
        LookAheadCheck check = new LookAheadCheck(null, null);
        // The 1-minute bar that starts at the decision time itself is fair (its open is the first trade after it); one a minute earlier is not.
        check.checkFills(List.of(new Fill(6, "SA", Side.BUY, 10, 50, 0, T, T, "MARKET")));
        assertTrue(check.result().passed(), check.result().problems().toString());
        check.checkFills(List.of(new Fill(7, "SA", Side.BUY, 10, 50, 0, T.minusSeconds(60), T, "MARKET")));
        assertFalse(check.result().passed());
        assertTrue(check.result().problems().get(0).contains("order 7"), check.result().problems().toString());
    }
}
