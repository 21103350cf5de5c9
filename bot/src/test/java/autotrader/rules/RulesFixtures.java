package autotrader.rules;

import autotrader.config.AppConfig;
import autotrader.ensemble.SkillRecord;
import autotrader.market.MarketCalendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;

/** Shared test data: the committed rules folder, default risk limits, signals and a mid-session clock. */
final class RulesFixtures {

    private RulesFixtures() {
    }

    /** The committed rules/ at the repository root (tests run in bot/). */
    static Path committedRules() {
        Path p = Path.of("..", "rules");
        if (!Files.isDirectory(p)) p = Path.of("rules");
        return p.toAbsolutePath().normalize();
    }

    static Path copyRules(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(committedRules())) {
            for (Path f : files.toList()) Files.copy(f, target.resolve(f.getFileName()));
        }
        return target;
    }

    static AppConfig.Risk risk() {
        return new AppConfig().risk;
    }

    /** Wednesday 2025-03-12 11:00 New York: a normal session, 300 minutes to the close. */
    static final Instant MIDDAY = ZonedDateTime.of(2025, 3, 12, 11, 0, 0, 0, MarketCalendar.NEW_YORK).toInstant();

    static MarketState midday() {
        return TradingTime.marketState(MIDDAY, MarketCalendar.nyse());
    }

    static Account paper() {
        return Account.paper(100_000);
    }

    /** A BUY that passes every default filter: 1 % hourly volatility, +1 % expected over 1h. */
    static Signal buy(String symbol, double confidence) {
        return buy(symbol, confidence, 4, 100.0);
    }

    static Signal buy(String symbol, double confidence, int riskScore, double price) {
        Signal s = new Signal(symbol, "BUY", confidence, riskScore, price);
        s.setExpectedReturn(1.0);
        s.setTimeHorizon("1h");
        s.setForecastVolatility(0.01);
        s.setModelsAgree(4);
        return s;
    }

    /** A batch decided by a model with out-of-sample skill, so only the other rules speak. */
    static RuleBatch batch(Signal... signals) {
        return RuleBatch.of(List.of(signals), paper(), midday()).withModelSkill(skilled());
    }

    /** The batch as decided by a model with skill, unless it already names its model. */
    static RuleBatch skilled(RuleBatch b) {
        return b.modelSkill() != null ? b : b.withModelSkill(skilled());
    }

    /** A model whose out-of-sample IC t (4.20) clears the default floor of 3. */
    static ModelSkill skilled() {
        return skill(0.031, 4.2);
    }

    /**
     * A measured model: IC {@code ic} with t {@code icT} (null: not computable) over 7,350 rows, and one
     * confidence bucket 0.70-0.80 of 412 BUY calls that won 58 % with a mean of +0.21 % after costs.
     */
    static ModelSkill skill(double ic, Double icT) {
        return ModelSkill.of("models/test", record(ic, icT));
    }

    static SkillRecord record(double ic, Double icT) {
        Instant from = Instant.parse("2015-06-16T20:00:00Z"), to = Instant.parse("2016-01-13T21:00:00Z");
        return new SkillRecord("held-out 2015-06-16..2016-01-13 (csv)", from, to, 147, 7_350, "P(BUY)", ic, icT, 5,
                0.56, 0.004, 0.002, 900, 0.55, 0.0015, 0.04,
                List.of(new SkillRecord.Bucket(0.7, 0.8, 412, 0.74, 0.58, 0.0021),
                        new SkillRecord.Bucket(0.8, 1.0, 0, null, null, null)));
    }
}
