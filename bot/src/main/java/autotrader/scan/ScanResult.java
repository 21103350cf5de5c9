package autotrader.scan;

import java.time.Instant;
import java.util.List;

/** One scan: when, on what data, how many symbols were scored, and the ranked candidates. */
public record ScanResult(Instant asOf, Instant startedAt, String source, boolean simulated, String strategy,
                         int universeSize, int scanned, List<Skipped> skipped, long durationMs,
                         List<Candidate> candidates) {

    /** A symbol left out of the scan, and why (no data, broken bars, too little history). */
    public record Skipped(String symbol, String reason) {
    }
}
