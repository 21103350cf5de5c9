package autotrader.market.csv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the rows and files that were skipped, for the caller to read, and logs them. A badly
 * broken file could have thousands of bad rows, so only the first {@value #LOGGED_PER_FILE} of
 * each file are logged one by one; all of them are kept. A skipped file is reported once (line 0),
 * however often it is tried.
 */
final class ProblemLog {

    private static final Logger LOG = LoggerFactory.getLogger(CsvMarket.class);
    static final int LOGGED_PER_FILE = 20;

    private final List<LoadProblem> problems = new ArrayList<>();
    private final Map<Path, Integer> perFile = new HashMap<>();
    private final Set<Path> skippedFiles = new HashSet<>();

    synchronized void report(Path file, long line, String reason) {
        problems.add(new LoadProblem(file, line, reason));
        int n = perFile.merge(file, 1, Integer::sum);
        if (n <= LOGGED_PER_FILE) LOG.warn("{}:{}: {}; row skipped", file, line, reason);
        else if (n == LOGGED_PER_FILE + 1) LOG.warn("{}: more bad rows, no longer logged one by one (see problems())", file);
    }

    /** A whole file that cannot be used (unreadable, a needed column missing); the load goes on without it. */
    synchronized void reportFile(Path file, String reason) {
        if (!skippedFiles.add(file)) return;
        problems.add(new LoadProblem(file, 0, reason));
        LOG.warn("{}: {}; file skipped", file, reason);
    }

    synchronized List<LoadProblem> all() {
        return List.copyOf(problems);
    }
}
