package autotrader.market.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads daily and intraday bar files into {@link BarSeries}. Bad rows are reported to the
 * {@link ProblemLog} with file and line and skipped; they never stop a load.
 */
final class BarFileReader {

    private static final long OPEN_SECOND_OF_DAY = 9 * 3600 + 30 * 60;

    private final SessionClock clock;
    private final ProblemLog problems;

    BarFileReader(SessionClock clock, ProblemLog problems) {
        this.clock = clock;
        this.problems = problems;
    }

    /** True when the file's header has a symbol column (one file, many symbols). */
    boolean hasSymbolColumn(Path file) {
        try (CsvTable t = CsvTable.open(file)) {
            return new OhlcvColumns(t).symbol >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
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
            String[] f;
            while ((f = t.next()) != null) {
                String sym = symbol != null ? symbol : cols.text(f, cols.symbol).toUpperCase(Locale.ROOT);
                if (sym.isEmpty()) {
                    problems.report(file, t.line(), "empty symbol");
                    continue;
                }
                long day;
                try {
                    day = LocalTimes.epochDay(cols.text(f, cols.time));
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
            problems.report(file, 0, "cannot read: " + e);
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
            String[] f;
            while ((f = t.next()) != null) {
                String text = cols.text(f, cols.time);
                long local;
                try {
                    local = LocalTimes.localSeconds(text);
                } catch (RuntimeException e) {
                    problems.report(file, t.line(), "unparsable time '" + text + "'");
                    continue;
                }
                if (local <= previous) {
                    problems.report(file, t.line(), "time " + text + " is not after the previous row's");
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
                    problems.report(file, t.line(), text + ": " + why);
                    continue;
                }
                previous = local;   // only rows that are kept set the order; a bad row claims no time
                out.add(start, Math.min(start + minutes * 60L, s.closeSec()), cols.o, cols.h, cols.l, cols.c, cols.v);
            }
        } catch (IOException e) {
            problems.report(file, 0, "cannot read: " + e);
        }
        return out;
    }

    /** The last non-blank line's time field, as New York local seconds; for "how far does the data go". */
    long lastLocalTime(Path file) {
        try (CsvTable t = CsvTable.open(file)) {
            OhlcvColumns cols = new OhlcvColumns(t);
            String[] f, last = null;
            while ((f = t.next()) != null) last = f;
            if (last == null || cols.time < 0) return Long.MIN_VALUE;
            return LocalTimes.localSeconds(cols.text(last, cols.time));
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private boolean usable(CsvTable t, OhlcvColumns cols) {
        if (cols.missing().isEmpty()) return true;
        problems.report(t.file, 1, "missing column(s) " + cols.missing() + "; file skipped");
        return false;
    }
}
