package autotrader.app;

import autotrader.config.LoadedConfig;
import autotrader.market.MarketCalendar;
import autotrader.rules.AccountJson;
import autotrader.rules.DecisionReader;
import autotrader.rules.Evaluation;
import autotrader.rules.InputFormatException;
import autotrader.rules.ModelSkill;
import autotrader.rules.RuleBatch;
import autotrader.rules.RuleEngine;
import autotrader.rules.RuleProblem;
import autotrader.rules.RulesRefusedException;
import autotrader.rules.Signal;
import autotrader.rules.TradingTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs decisions through the rules exactly as the trader would and shows the entries, the rejections
 * with their reasons, and which rules fired: the way to try an edit before it trades.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show what the rules would do with a decision (or a list) and an account, and which rules fired.")
public class RulesExplainCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--decision", required = true, paramLabel = "FILE", description = "one ensemble decision, a JSON list, or {\"decisions\": [...]}")
    Path decisionFile;

    @Option(names = "--account", paramLabel = "FILE", description = "account snapshot (default: a paper account with risk.starting_cash, no positions)")
    Path accountFile;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules folder (default: rules/ beside the config file)")
    Path rulesDir;

    @Option(names = "--model", paramLabel = "DIR",
            description = "the deciding model's folder, whose card's out-of-sample skill the rules gate on (default: ensemble.model_dir)")
    Path modelDir;

    @Option(names = "--at", paramLabel = "TIME", description = "market time, e.g. 2025-03-12T11:00 (New York) or with an offset (default: now)")
    String at;

    @Option(names = "--json", description = "print the evaluation as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = config.load();
        Path rules = rulesDir != null ? rulesDir : loaded.resolve("rules");
        Instant now = parseTime(at);
        MarketCalendar cal = MarketCalendar.nyse();

        List<Signal> signals;
        AccountJson.Snapshot snapshot;
        try {
            signals = DecisionReader.read(decisionFile);
            snapshot = accountFile == null ? AccountJson.paper(loaded.config().risk.startingCash)
                    : AccountJson.read(accountFile, loaded.config().risk.startingCash);
        } catch (InputFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }

        RuleEngine engine;
        try {
            engine = RuleEngine.load(rules, loaded.config().risk, null);
        } catch (RulesRefusedException e) {
            out.println("the rules in " + rules + " do not compile:");
            for (RuleProblem p : e.problems()) out.println(p);
            out.flush();
            return 1;
        }
        // The model's skill as the daemon would pass it: read from the card of the model that made the decisions.
        String modelName = modelDir != null ? modelDir.toString() : loaded.config().ensemble.modelDir;
        ModelSkill skill = ModelSkill.read(modelDir != null ? modelDir : loaded.resolve(loaded.config().ensemble.modelDir), modelName);
        try (engine) {
            RuleBatch batch = new RuleBatch(signals, snapshot.account(), snapshot.positions(), snapshot.stopOuts(now, cal),
                    TradingTime.marketState(now, cal), skill);
            Evaluation evaluation = engine.evaluate(batch);
            out.print(json ? ExplainReport.json(evaluation, batch) : ExplainReport.text(evaluation, batch));
            out.flush();
            return 0;
        }
    }

    private static Instant parseTime(String text) {
        if (text == null) return Instant.now();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(MarketCalendar.NEW_YORK).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadInputException("--at: '" + text + "' is not a time like 2025-03-12T11:00 or 2025-03-12T11:00:00-04:00");
            }
        }
    }
}
