package autotrader.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parameter is read from the rule files as they stand, so an edit of the file is what Java sees. */
class RuleParametersTest {

    @TempDir
    Path dir;

    @Test
    void theConfidenceFloorIsWhatFilterDrlSays() throws Exception {
        RuleCompiler.Result committed = RuleCompiler.compile(RuleSource.read(RulesFixtures.committedRules()));
        assertEquals(0.70, RuleParameters.number(committed.kieBase(), "MIN_CONFIDENCE").orElseThrow(), 1e-12);
        assertEquals(3.0, RuleParameters.number(committed.kieBase(), "MIN_IC_T").orElseThrow(), 1e-12);
        assertTrue(RuleParameters.number(committed.kieBase(), "NO_SUCH_PARAMETER").isEmpty());
        assertTrue(RuleParameters.number(committed.kieBase(), "SKILL_GATE").isEmpty(), "a boolean function is not a number");

        Path rules = RulesFixtures.copyRules(dir);
        Path filter = rules.resolve("filter.drl");
        String text = Files.readString(filter);
        String edited = text.replaceFirst("function double MIN_CONFIDENCE\\(\\)\\s*\\{ return 0\\.70; \\}",
                "function double MIN_CONFIDENCE()            { return 0.55; }");
        assertTrue(!edited.equals(text), "the committed filter.drl still has the line this test edits");
        Files.writeString(filter, edited);
        RuleCompiler.Result r = RuleCompiler.compile(RuleSource.read(rules));
        assertTrue(r.ok(), () -> r.problems().toString());
        assertEquals(0.55, RuleParameters.number(r.kieBase(), "MIN_CONFIDENCE").orElseThrow(), 1e-12);
    }
}
