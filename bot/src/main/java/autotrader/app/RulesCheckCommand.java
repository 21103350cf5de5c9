package autotrader.app;

import autotrader.rules.RuleCompiler;
import autotrader.rules.RuleProblem;
import autotrader.rules.RuleSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Compiles a rules folder the way the engine does and reports file:line: message for each error. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile the rules; exit 0 when they compile, 1 with file:line: message for each error.")
public class RulesCheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "rules folder (default: rules/ beside the config file)")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path rules = dir != null ? dir : config.load().resolve("rules");
        if (!Files.isDirectory(rules)) {
            out.println(rules + ": rules folder does not exist");
            out.flush();
            return 1;
        }
        RuleCompiler.Result r = RuleCompiler.compile(RuleSource.read(rules));
        if (r.ok()) {
            int count = r.kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
            out.printf("ok: %d rules in %s, version %s%n", count, String.join(", ", r.version().files()), r.version().label());
        } else {
            out.printf("%d error(s) in %s:%n", r.problems().size(), rules);
            for (RuleProblem p : r.problems()) out.println(p);
        }
        out.flush();
        return r.ok() ? 0 : 1;
    }
}
