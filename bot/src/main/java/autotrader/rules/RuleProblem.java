package autotrader.rules;

import java.nio.file.Path;

/** One compile error: the rule file, the line in it (0 when Drools does not know) and Drools' message. */
public record RuleProblem(Path file, int line, String message) {
    @Override
    public String toString() {
        return (file == null ? "(rules)" : file.toString()) + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
