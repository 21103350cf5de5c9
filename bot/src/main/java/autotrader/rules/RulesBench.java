package autotrader.rules;

import autotrader.alerts.Notifier;
import autotrader.config.AppConfig;
import autotrader.ensemble.SkillRecord;
import autotrader.market.MarketCalendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Timing figures for the rules: one batch of 50 decisions after warm-up, and a reload of a changed
 * folder (read + compile + swap). Works on a temporary copy of the folder, so the real rules are never
 * touched. For a `bench rules` command and the slow-tagged test; nothing asserts on time.
 */
public final class RulesBench {

    public record Figures(int batchSize, int repeats, double firstLoadMs, double evaluateMedianMs, double evaluateP90Ms,
                          double reloadMedianMs, double reloadMaxMs, int intentsPerBatch) {
        @Override
        public String toString() {
            return String.format("rules bench: first load %.0f ms; evaluate %d decisions: median %.3f ms, p90 %.3f ms (%d repeats, %d intents); "
                    + "reload: median %.1f ms, max %.1f ms", firstLoadMs, batchSize, evaluateMedianMs, evaluateP90Ms, repeats, intentsPerBatch,
                    reloadMedianMs, reloadMaxMs);
        }
    }

    private RulesBench() {
    }

    public static Figures run(Path rulesDir, int repeats) {
        return run(rulesDir, repeats, 50);
    }

    public static Figures run(Path rulesDir, int repeats, int batchSize) {
        Path copy = copy(rulesDir);
        long t0 = System.nanoTime();
        try (RuleEngine engine = RuleEngine.load(copy, new AppConfig().risk, Notifier.NONE)) {
            double firstLoad = ms(System.nanoTime() - t0);
            Instant now = ZonedDateTime.of(2025, 3, 12, 11, 0, 0, 0, MarketCalendar.NEW_YORK).toInstant();
            // A model that clears the skill gate, so the bench times the whole rule set (ranking, stops, sizing), not just the refusal.
            RuleBatch batch = RuleBatch.of(syntheticBatch(batchSize, 42), Account.paper(100_000), TradingTime.marketState(now, MarketCalendar.nyse()))
                    .withModelSkill(benchModel(now));

            int intents = 0;
            for (int i = 0; i < Math.max(200, repeats); i++) intents = engine.evaluate(batch).intents().size();  // warm-up: JIT, Drools' lazy network
            double[] eval = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                engine.evaluate(batch);
                eval[i] = ms(System.nanoTime() - s);
            }

            int reloads = Math.max(3, Math.min(repeats, 20));
            double[] reload = new double[reloads];
            Path touched = firstDrl(copy);
            for (int i = 0; i < reloads; i++) {
                append(touched, "\n// bench change " + i + "\n");
                long s = System.nanoTime();
                RuleEngine.ReloadOutcome outcome = engine.reload();
                reload[i] = ms(System.nanoTime() - s);
                if (outcome != RuleEngine.ReloadOutcome.RELOADED) throw new IllegalStateException("bench reload " + i + ": " + outcome);
            }
            return new Figures(batchSize, repeats, firstLoad, percentile(eval, 0.5), percentile(eval, 0.9),
                    percentile(reload, 0.5), Arrays.stream(reload).max().orElse(0), intents);
        } finally {
            delete(copy);
        }
    }

    /** Random but plausible decisions: mostly BUYs, confidence 0.5..0.95, risk 1..9, 0.3..2 % hourly volatility. */
    /** A made-up out-of-sample record well above the default floor (IC t 5), named as what it is. */
    static ModelSkill benchModel(Instant now) {
        return ModelSkill.of("synthetic bench model", new SkillRecord("synthetic (rules bench)", now.minusSeconds(86_400 * 200L),
                now, 200, 10_000, "P(BUY)", 0.05, 5.0, 5, 0.6, 0.01, 0.002, 2_000, 0.55, 0.002, 0.03, List.of()));
    }

    public static List<Signal> syntheticBatch(int n, long seed) {
        Random r = new Random(seed);
        String[] decisions = {"BUY", "BUY", "BUY", "SELL", "HOLD"};
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Signal s = new Signal(String.format("SYM%03d", i), decisions[r.nextInt(decisions.length)],
                    0.5 + 0.45 * r.nextDouble(), 1 + r.nextInt(9), 10 + 490 * r.nextDouble());
            s.setExpectedReturn(-1 + 4 * r.nextDouble());
            s.setTimeHorizon("1h");
            s.setForecastVolatility(0.003 + 0.017 * r.nextDouble());
            s.setModelsAgree(r.nextInt(6));
            out.add(s);
        }
        return out;
    }

    private static double percentile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Path copy(Path dir) {
        try {
            Path tmp = Files.createTempDirectory("rules-bench");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) Files.copy(f, tmp.resolve(f.getFileName()));
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path firstDrl(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
