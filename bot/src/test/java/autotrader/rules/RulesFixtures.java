package autotrader.rules;

import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
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

    static RuleBatch batch(Signal... signals) {
        return RuleBatch.of(java.util.List.of(signals), paper(), midday());
    }
}
