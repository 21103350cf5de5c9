package autotrader.backtest;

import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.StackedEnsemble;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.pipeline.CycleRunner;
import autotrader.predict.Predictors;
import autotrader.scan.ScanService;
import autotrader.scan.Strategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walk-forward retraining: only decisions before the period, labels ending before it, each session's inputs computed once. */
@Tag("slow")
class WalkForwardEnsemblesTest {

    @Test
    void eachPeriodTrainsOnEarlierDecisionsWhoseLabelsEndedBeforeIt() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            MarketData market = SyntheticDaily.market();
            CycleRunner runner = new CycleRunner(market, new ScanService(market, new Strategy(), SyntheticDaily.CAL, Clock.systemUTC()),
                    new Predictors(Path.of("..", "models", "predictors")), null, 60, pool);
            WalkForwardEnsembles wf = new WalkForwardEnsembles(runner, market, SyntheticDaily.CAL, new TradeLabeler(LabelSettings.defaults()),
                    LocalDate.of(2025, 1, 2), WalkForwardEnsembles.Every.MONTH, Timeframe.D1, Duration.ofHours(1),
                    EnsembleSettings.defaults().small().withFolds(2, 1), null, s -> { });
            StackedEnsemble march = wf.ensembleFor(LocalDate.of(2025, 3, 17));
            assertSame(march, wf.ensembleFor(LocalDate.of(2025, 3, 31)), "one model per period");
            StackedEnsemble april = wf.ensembleFor(LocalDate.of(2025, 4, 1));
            assertNotSame(march, april, "a new period retrains");
            var log = wf.retrains();
            assertEquals(2, log.size());
            for (var r : log) {
                assertTrue(r.lastDecision().isBefore(r.periodOpen()), r.toString());
                assertTrue(r.lastLabelEnd().isBefore(r.periodOpen()), "purged: no label reaches into the period " + r);
                assertTrue(r.purged() > 0, "the last sessions' labels reach into the period and are dropped: " + r);
            }
            assertTrue(!log.get(0).lastDecision().isAfter(SyntheticDaily.CAL.closeInstant(LocalDate.of(2025, 2, 28))), log.get(0).toString());
            assertTrue(log.get(1).rows() > log.get(0).rows(), "an expanding window: " + log);
            // March's sessions were computed once, for April's training set only (January and February for March's).
            assertEquals(21, log.get(1).sessionsComputed(), "March 2025 has 21 sessions: " + log.get(1));
        } finally {
            pool.shutdownNow();
        }
    }
}
