package autotrader.rules;

import java.util.List;
import java.util.stream.Collectors;

/** The rules folder did not compile; the message lists file:line: message for each problem. */
public class RulesRefusedException extends RuntimeException {
    private final List<RuleProblem> problems;

    public RulesRefusedException(List<RuleProblem> problems) {
        super("rules do not compile:\n" + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
