package autotrader.rules;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timing figures (mvn -Pslow -Dtest=RulesBenchTest); prints them, asserts nothing about time. */
@Tag("slow")
class RulesBenchTest {
    @Test
    void figures() {
        RulesBench.Figures f = RulesBench.run(RulesFixtures.committedRules(), 500);
        System.out.println(f);
        assertTrue(f.intentsPerBatch() > 0);
    }
}
