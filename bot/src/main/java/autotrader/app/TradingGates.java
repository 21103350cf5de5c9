package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.rules.ModelSkill;
import autotrader.rules.RuleEngine;
import autotrader.rules.RulesRefusedException;
import autotrader.rules.TradingGate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import java.util.List;
/**
 * The trading gate as the files say it, for commands that run no trading loop (`status`, `cycle`): the
 * rules folder beside the config compiled and asked with the configured model's skill, read from its
 * card. What the daemon's next cycle will find, whether or not a daemon runs.
 */
final class TradingGates {

    private TradingGates() {
    }

    /** The gate; null when the rules cannot be compiled ({@link #line} then says so). */
    static TradingGate fromFiles(AppContext ctx) {
        Path modelDir = ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        // No trained model: nothing is decided, whatever the rules say (and they need not be compiled to know it).
        if (!Files.exists(modelDir.resolve("manifest.json"))) return new TradingGate(null, List.of(), "");
        ModelSkill skill = ModelSkill.read(modelDir, ctx.config().ensemble.modelDir);
        try (RuleEngine engine = RuleEngine.load(ctx.loaded().resolve("rules"), ctx.config().risk, Notifier.NONE)) {
            return TradingGate.probe(engine, skill, Instant.now(), ctx.calendar());
        } catch (RulesRefusedException e) {
            return null;
        }
    }

    /** "trading: ..." for the files; a folder that does not compile is named. */
    static String line(AppContext ctx) {
        try {
            TradingGate g = fromFiles(ctx);
            return g != null ? g.line() : "trading: no — the rules in " + ctx.loaded().resolve("rules") + " do not compile (`autotrader rules check`)";
        } catch (RuntimeException e) {
            return "trading: unknown — " + e.getMessage();
        }
    }
}
