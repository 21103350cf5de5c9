package autotrader.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Measures, never asserts a time: mvn -Pslow test -Dtest=FeatureBenchTest. */
@Tag("slow")
class FeatureBenchTest {

    @Test
    void latestForThreeHundredWindows() {
        double median = FeatureBench.run(30);
        System.out.printf("FeatureBench: median %.2f ms for 300 latest() calls of 100 bars%n", median);
        assertTrue(median > 0);
    }
}
