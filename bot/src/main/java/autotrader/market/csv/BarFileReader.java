package autotrader.market.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads daily and intraday bar files into {@link BarSeries}. Bad rows are reported to the
 * {@link ProblemLog} with file and line and skipped; a file that cannot be read or lacks a needed
 * column is reported with the reason and skipped whole (a file cut short gives no bars at all
 * rather than a history that silently ends early). Neither stops a load.
 */
final class BarFileReader {

    private static final long OPEN_SECOND_OF_DAY = 9 * 3600 + 30 * 60;

    private final SessionClock clock;
    private final ProblemLog problems;

    BarFileReader(SessionClock clock, ProblemLog problems) {
        this.clock = clock;
        this.problems = problems;
    }

    /**
     * The file's columns, from its header only (cheap: the market checks every file's header when
     * it is created, so a bad file is named at once and its symbol is not offered); null when the
     * file cannot be opened or lacks a needed column, which is then reported.
     */
    OhlcvColumns columns(Path file) {
        try (CsvTable t = CsvTable.open(file, 4096)) {
            OhlcvColumns cols = new OhlcvColumns(t);
            return usable(t, cols) ? cols : null;
        } catch (IOException e) {
            problems.reportFile(file, ReadFailure.describe(file, e));
            return null;
        }
    }

    /**
     * Daily bars, each spanning its date's regular session. With {@code symbol} null the file's
     * symbol column says whose row it is; otherwise all rows are that symbol's.
     */
    Map<String, BarSeries> readDaily(Path file, String symbol) {
        Map<String, BarSeries> out = new HashMap<>();
        Map<String, Long> lastDay = new HashMap<>();
        try (CsvTable t = CsvTable.open(file)) {
            OhlcvColumns cols = new OhlcvColumns(t);
            if (!usable(t, cols)) return out;
            CsvRow f;
            String lastRaw = null, lastSymbol = null; // rows come grouped by symbol: one String per run, not per row
            while ((f = t.nextRow()) != null) {
                String sym = symbol;
                if (sym == null) {
                    if (cols.symbol >= f.size() || !f.textIs(cols.symbol, lastRaw)) {
                        lastRaw = cols.text(f, cols.symbol);
                        lastSymbol = lastRaw.toUpperCase(Locale.ROOT);
                    }
                    sym = lastSymbol;
                }
                if (sym.isEmpty()) {
                    problems.report(file, t.line(), "empty symbol");
                    continue;
                }
                long day;
                try {
                    day = f.epochDay(cols.time); // a row without the field throws too
                } catch (RuntimeException e) {
                    problems.report(file, t.line(), "unparsable date '" + cols.text(f, cols.time) + "'");
                    continue;
                }
                Long previous = lastDay.get(sym);
                if (previous != null && day <= previous) {
                    problems.report(file, t.line(), sym + " date " + cols.text(f, cols.time) + " is not after the previous row's");
                    continue;
                }
                String why = cols.parse(f);
                if (why != null) {
                    problems.report(file, t.line(), sym + " " + cols.text(f, cols.time) + ": " + why);
                    continue;
                }
                lastDay.put(sym, day);   // only rows that are kept set the order; a bad row claims no date
                SessionClock.Session s = clock.of(day);
                out.computeIfAbsent(sym, k -> new BarSeries()).add(s.openSec(), s.closeSec(), cols.o, cols.h, cols.l, cols.c, cols.v);
            }
        } catch (IOException e) {
            problems.reportFile(file, ReadFailure.describe(file, e));
            return new HashMap<>();
        }
        return out;
    }

    /**
     * Intraday bars of {@code minutes} length labelled by their start (naive New York time),
     * keeping only regular-session bars of trading days. Pre/post-market rows are dropped silently:
     * they are valid data, just not what the pipeline uses.
     */
    BarSeries readIntraday(Path file, int minutes) {
        BarSeries out = new BarSeries();
        try (CsvTable t = CsvTable.open(file)) {
            OhlcvColumns cols = new OhlcvColumns(t);
            if (!usable(t, cols)) return out;
            long previous = Long.MIN_VALUE;
            CsvRow f;
            while ((f = t.nextRow()) != null) {
                long local;
                try {
                    local = f.localSeconds(cols.time); // a row without the field throws too
                } catch (RuntimeException e) {
                    problems.report(file, t.line(), "unparsable time '" + cols.text(f, cols.time) + "'");
                    continue;
                }
                if (local <= previous) {
                    problems.report(file, t.line(), "time " + cols.text(f, cols.time) + " is not after the previous row's");
                    continue;
                }
                long day = Math.floorDiv(local, 86_400);
                long secondOfDay = local - day * 86_400;
                SessionClock.Session s = clock.of(day);
                long start = s.openSec() + (secondOfDay - OPEN_SECOND_OF_DAY);
                if (!s.trading() || secondOfDay < OPEN_SECOND_OF_DAY || start >= s.closeSec()) {
                    previous = local;
                    continue;
                }
                String why = cols.parse(f);
                if (why != null) {
                    problems.report(file, t.line(), cols.text(f, cols.time) + ": " + why);
                    continue;
                }
                previous = local;   // only rows that are kept set the order; a bad row claims no time
                out.add(start, Math.min(start + minutes * 60L, s.closeSec()), cols.o, cols.h, cols.l, cols.c, cols.v);
            }
        } catch (IOException e) {
            problems.reportFile(file, ReadFailure.describe(file, e));
            return new BarSeries();
        }
        return out;
    }

    /**
     * The last non-blank line's time field, as New York local seconds; for "how far does the data
     * go". Long.MIN_VALUE when the file has no row or cannot be read (reported: a truncated file
     * must not just quietly stop counting).
     */
    long lastLocalTime(Path file) {
        try {
            OhlcvColumns cols;
            try (CsvTable t = CsvTable.open(file, 4096)) {
                cols = new OhlcvColumns(t);
                if (!usable(t, cols)) return Long.MIN_VALUE;
            }
            String[] last = CsvTable.lastRow(file);
            if (last == null) return Long.MIN_VALUE;
            return CsvRow.of(last).localSeconds(cols.time);
        } catch (IOException e) {
            problems.reportFile(file, ReadFailure.describe(file, e));
            return Long.MIN_VALUE;
        } catch (RuntimeException e) {   // an unparsable last time: that row is reported when the file is read
            return Long.MIN_VALUE;
        }
    }

    private boolean usable(CsvTable t, OhlcvColumns cols) {
        String why = cols.unusable();
        if (why == null) return true;
        problems.reportFile(t.file, why);
        return false;
    }
}
