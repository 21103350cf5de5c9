package autotrader.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `autotrader rules check|explain|bench`: the trader's tools for editing the rules folder. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Check, explain and time the trading rules (rules/*.drl).",
        subcommands = {RulesCheckCommand.class, RulesExplainCommand.class, RulesBenchCommand.class})
public class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check, explain or bench");
    }
}
