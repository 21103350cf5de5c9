package autotrader.pipeline;

import autotrader.ensemble.Decision;
import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.StackedEnsemble;
import autotrader.market.Bar;
import autotrader.market.ForwardingMarketData;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.predict.Predictors;
import autotrader.scan.ScanService;
import autotrader.scan.Strategy;
import autotrader.testing.TinyEnsemble;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.*;

/** One cycle on the simulator with the committed predictors and a small ensemble trained on the real column layout. */
class CycleRunnerTest {

    static final Instant AS_OF = LocalDateTime.parse("2024-09-12T11:00").atZone(MarketCalendar.NEW_YORK).toInstant();
    static ExecutorService pool;
    static StackedEnsemble ensemble;
    static Predictors predictors;

    @BeforeAll
    static void setUp() {
        pool = Executors.newFixedThreadPool(2);
        predictors = new Predictors(Path.of("..", "models", "predictors"));
        ensemble = TinyEnsemble.train().ensemble();
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
        ensemble.close();
    }

    private CycleRunner runner(MarketData market) {
        ScanService scans = new ScanService(market, new Strategy(), MarketCalendar.nyse(), Clock.systemUTC());
        return new CycleRunner(market, scans, predictors, ensemble, 60, pool);
    }

    @Test
    void aCycleDecidesForEveryCandidateInTheDesignsShape() {
        SimMarket sim = new SimMarket(new SimSettings(42, 80, null));
        CycleResult r = runner(sim).run(AS_OF);
        assertEquals(r.scan().candidates().size(), r.decisions().size() + r.skipped().size());
        assertTrue(r.decisions().size() >= 40, "most of the 50 candidates are decided: " + r.decisions().size());
        for (String stage : List.of("scan", "bars+features+risk", "predictors", "ensemble")) assertTrue(r.stageMs().containsKey(stage), stage);
        CycleDecision d = r.decisions().get(0);
        JsonNode json = DecisionWriter.of(d);
        for (String f : List.of("symbol", "decision", "confidence", "expected_return", "risk_score", "time_horizon", "predictions",
                "risk_metrics", "models_agree")) assertTrue(json.has(f), f + " in " + json);
        assertEquals(6, json.get("predictions").size(), "a prediction per timeframe: " + json.get("predictions"));
        for (String f : List.of("forecast_volatility", "var_95", "cvar_95", "beta", "correlation_spy", "correlation_qqq",
                "tail_dependence", "vol_regime")) assertTrue(json.get("risk_metrics").has(f), f);
        assertTrue(d.riskScore() >= 1 && d.riskScore() <= 10);
        assertTrue(d.modelsAgree() >= 0 && d.modelsAgree() <= 5);
        assertTrue(d.confidence() > 0 && d.confidence() <= 1);
    }

    @Test
    void theCycleNeverAsksForDataAfterItsTimeAndSkipsABrokenSymbol() {
        SimMarket sim = new SimMarket(new SimSettings(42, 80, null));
        String broken = runner(sim).run(AS_OF).scan().candidates().get(3).symbol();
        MarketData guarded = new Guarded(sim, AS_OF, broken);
        CycleResult r = runner(guarded).run(AS_OF);
        assertTrue(r.skipped().stream().anyMatch(s -> s.symbol().equals(broken)), "the broken symbol is reported: " + r.skipped());
        assertTrue(r.decisions().stream().noneMatch(d -> d.symbol().equals(broken)));
        assertFalse(r.decisions().isEmpty(), "the cycle still completes");
    }

    /** Fails the test if anything asks for data after {@code limit}; one symbol's intraday bars are broken. */
    private static final class Guarded extends ForwardingMarketData {
        private final Instant limit;
        private final String broken;

        Guarded(SimMarket inner, Instant limit, String broken) {
            super(inner);
            this.limit = limit;
            this.broken = broken;
        }

        @Override
        public List<Bar> bars(String symbol, Timeframe tf, Instant asOf, int count) {
            if (asOf.isAfter(limit)) throw new AssertionError("look-ahead: asked for " + symbol + " " + tf + " as of " + asOf);
            if (symbol.equals(broken) && tf == Timeframe.M30) throw new IllegalStateException("corrupt bar file for " + symbol);
            return inner.bars(symbol, tf, asOf, count);
        }

        @Override
        public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
            if (asOf.isAfter(limit)) throw new AssertionError("look-ahead: session of " + symbol + " as of " + asOf);
            return inner.sessionSoFar(symbol, asOf);
        }

        @Override
        public Instant lastAvailable() {
            return limit;
        }
    }
}
