package autotrader.pipeline;

import autotrader.scan.ScanResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One cycle: the scan, the decision for each candidate, the symbols skipped and why, and time per stage (ms). */
public record CycleResult(Instant asOf, ScanResult scan, List<CycleDecision> decisions, List<ScanResult.Skipped> skipped,
                          Map<String, Double> stageMs) {

    public double totalMs() {
        return stageMs.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
