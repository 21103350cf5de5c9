package autotrader.market.csv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the rows that were skipped, for the caller to read, and logs them. A badly broken file
 * could have thousands, so only the first {@value #LOGGED_PER_FILE} of each file are logged one
 * by one; all of them are kept.
 */
final class ProblemLog {

    private static final Logger LOG = LoggerFactory.getLogger(CsvMarket.class);
    static final int LOGGED_PER_FILE = 20;

    private final List<LoadProblem> problems = new ArrayList<>();
    private final Map<Path, Integer> perFile = new HashMap<>();

    synchronized void report(Path file, long line, String reason) {
        problems.add(new LoadProblem(file, line, reason));
        int n = perFile.merge(file, 1, Integer::sum);
        if (n <= LOGGED_PER_FILE) LOG.warn("{}:{}: {}; row skipped", file, line, reason);
        else if (n == LOGGED_PER_FILE + 1) LOG.warn("{}: more bad rows, no longer logged one by one (see problems())", file);
    }

    synchronized List<LoadProblem> all() {
        return List.copyOf(problems);
    }
}
