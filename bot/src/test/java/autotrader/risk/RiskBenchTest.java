package autotrader.risk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Prints timings; asserts nothing about speed. Run with {@code mvn -o -pl bot test -Pslow -Dtest=RiskBenchTest}. */
@Tag("slow")
class RiskBenchTest {

    @Test
    void printsMedians() {
        RiskBench.Result r = RiskBench.run(Integer.getInteger("risk.bench.repeats", 31));
        System.out.println("RiskBench " + r);
        assertTrue(r.garchColdMs() > 0 && r.assessWarmMs() > 0);
    }
}
