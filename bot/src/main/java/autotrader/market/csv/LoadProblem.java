package autotrader.market.csv;

import java.nio.file.Path;

/** A row (or a whole file: line 0) that could not be used, and why. The load goes on without it. */
public record LoadProblem(Path file, long line, String reason) {

    @Override
    public String toString() {
        return line == 0 ? file + ": " + reason : file + ":" + line + ": " + reason;
    }
}
