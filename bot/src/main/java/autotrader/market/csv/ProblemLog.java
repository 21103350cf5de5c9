package autotrader.market.csv;

import autotrader.market.BadMarketDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** The folder as a whole is unusable: say how many files were found and why each was skipped (the first three). */
    synchronized BadMarketDataException noUsableBars(Path folder, int csvFiles) {
        String why;
        if (csvFiles == 0) {
            why = "no *.csv or *.csv.gz file under daily/ or intraday/";
        } else {
            List<LoadProblem> skipped = problems.stream().filter(p -> p.line() == 0).toList();
            why = skipped.size() + " of " + csvFiles + " file(s) skipped"
                    + skipped.stream().limit(3).map(p -> "; " + p).collect(Collectors.joining()) + (skipped.size() > 3 ? "; ..." : "")
                    + (skipped.size() < csvFiles ? "; no row of the other files is usable (see the log)" : "");
        }
        return new BadMarketDataException("market data folder " + folder.toAbsolutePath().normalize() + " has no usable bars: " + why);
    }
}
