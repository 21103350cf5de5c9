package autotrader.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench entry point the CLI calls works; no timing is asserted here (see FeatureBenchTest). */
class FeatureBenchSmokeTest {

    @Test
    void runReturnsAPositiveMedian() {
        assertTrue(FeatureBench.run(1) > 0);
        assertTrue(FeatureBench.run(1, 2) > 0);
    }
}
