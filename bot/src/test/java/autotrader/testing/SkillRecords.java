package autotrader.testing;

import autotrader.ensemble.SkillRecord;

import java.time.Instant;
import java.util.List;

/** Out-of-sample records as a model card holds them, for tests of what the gate and the evidence lines say. */
public final class SkillRecords {

    private SkillRecords() {
    }

    /**
     * IC {@code ic} with Newey-West t {@code icT} over 7,350 rows held out 2015-06-16..2016-01-13, and two confidence
     * buckets of BUY calls: 0.70-0.80 (412 trades, won 58 %, mean +0.21 % after costs) and 0.80-1.00 (97, 61 %, +0.34 %).
     */
    public static SkillRecord record(double ic, Double icT) {
        return new SkillRecord("held-out 2015-06-16..2016-01-13 (csv)", Instant.parse("2015-06-16T20:00:00Z"), Instant.parse("2016-01-13T21:00:00Z"),
                147, 7_350, "P(BUY)", ic, icT, 5, 0.56, 0.004, 0.002, 509, 0.586, 0.0024, 0.04,
                List.of(new SkillRecord.Bucket(0.7, 0.8, 412, 0.74, 0.58, 0.0021), new SkillRecord.Bucket(0.8, 1.0, 97, 0.85, 0.61, 0.0034)));
    }
}
