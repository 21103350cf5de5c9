package autotrader.rules;

import java.time.Instant;
import java.util.List;

/**
 * Identifies the rules a decision was made with: SHA-256 over the file names and contents (sorted by
 * name), so the same files always give the same hash, plus when they were loaded. Later stages store
 * {@link #label()} with each decision.
 */
public record RulesVersion(String sha256, Instant loadedAt, List<String> files) {
    public RulesVersion {
        files = List.copyOf(files);
    }

    /** Short form for logs and storage: the first 12 hex digits. */
    public String label() {
        return sha256.substring(0, 12);
    }

    @Override
    public String toString() {
        return label() + " (" + String.join(", ", files) + ", loaded " + loadedAt + ")";
    }
}
