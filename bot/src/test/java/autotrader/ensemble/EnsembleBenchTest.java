package autotrader.ensemble;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EnsembleBenchTest {

    @Test
    void smallRunReportsEveryModel() {
        EnsembleBench.Result r = EnsembleBench.run(3, 800, 20, EnsembleSettings.defaults().small(), TrainingProgress.SILENT);
        assertEquals(800, r.rows());
        assertEquals(6, r.perModelMedianMs().size(), "five base models and the meta-learner");
        assertTrue(r.inferenceMedianMs() > 0 && r.inferenceP90Ms() >= r.inferenceMedianMs());
        assertTrue(r.trainSeconds() > 0);
    }

    /** The real measurement (minutes on 2 cores): 20,000 rows x 600 columns, default settings. */
    @Test
    @Tag("slow")
    void fullSizeTimings() {
        EnsembleBench.Result r = EnsembleBench.run(20);
        System.out.println(r);
        assertTrue(r.inferenceMedianMs() < 300, "50 rows must fit the 1.5 s cycle: " + r);
    }
}
