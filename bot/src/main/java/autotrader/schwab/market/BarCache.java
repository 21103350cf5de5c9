package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bars downloaded from Schwab, per symbol and bar size, in memory and (with a folder) on disk as one
 * gzip csv per series: {@code <dir>/<SYMBOL>_<tf>.csv.gz}. The first line records the covered
 * window: every bar with start >= coveredFrom and end <= coveredTo that Schwab had is in the file.
 * A file is rewritten whole (temp file, then rename) after each download, so a crash leaves either
 * the old or the new file; a file that cannot be read is logged and treated as empty (it is only a
 * cache).
 */
final class BarCache {

    private static final Logger LOG = LoggerFactory.getLogger(BarCache.class);
    private static final String MAGIC = "# autotrader schwab bars v1";
    private static final String HEADER = "start,end,open,high,low,close,volume";

    private final Path dir;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    /** @param dir folder for the files, or null to keep bars in memory only */
    BarCache(Path dir) {
        this.dir = dir;
    }

    /** One symbol's bars of one size. Callers synchronize on it while they read or change it. */
    static final class Series {
        final String symbol;
        final Timeframe timeframe;
        /** Sorted by start, no two with the same start. */
        private List<Bar> bars = new ArrayList<>();
        Instant coveredFrom;
        Instant coveredTo;
        /** When the last download failed (no retry for a while), or null. */
        Instant failedAt;

        Series(String symbol, Timeframe timeframe) {
            this.symbol = symbol;
            this.timeframe = timeframe;
        }

        boolean covered() {
            return coveredFrom != null && coveredTo != null;
        }

        List<Bar> bars() {
            return Collections.unmodifiableList(bars);
        }

        /** Adds downloaded bars; a bar with the same start as a cached one replaces it. */
        void merge(List<Bar> fresh) {
            if (fresh.isEmpty()) return;
            TreeMap<Instant, Bar> all = new TreeMap<>();
            for (Bar b : bars) all.put(b.start(), b);
            for (Bar b : fresh) all.put(b.start(), b);
            bars = new ArrayList<>(all.values());
        }

        /** The last {@code count} bars with end <= asOf (and start >= notBefore when given), oldest first. */
        List<Bar> completedBy(Instant asOf, int count, Instant notBefore) {
            int hi = upperIndex(asOf);           // bars[0, hi) end <= asOf
            int lo = Math.max(0, hi - count);
            if (notBefore != null) {
                while (lo < hi && bars.get(lo).start().isBefore(notBefore)) lo++;
            }
            return List.copyOf(bars.subList(lo, hi));
        }

        /** Number of leading bars whose end is at or before t (ends grow with starts). */
        private int upperIndex(Instant t) {
            int lo = 0, hi = bars.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (bars.get(mid).end().isAfter(t)) hi = mid;
                else lo = mid + 1;
            }
            return lo;
        }

        /** The bar starting at t, or null. */
        Bar at(Instant t) {
            int lo = 0, hi = bars.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int c = bars.get(mid).start().compareTo(t);
                if (c == 0) return bars.get(mid);
                if (c < 0) lo = mid + 1;
                else hi = mid;
            }
            return null;
        }

        Bar last() {
            return bars.isEmpty() ? null : bars.get(bars.size() - 1);
        }
    }

    /** The series, read from disk on first use. */
    Series get(String symbol, Timeframe tf) {
        return series.computeIfAbsent(symbol + "_" + tf.label(), k -> load(symbol, tf));
    }

    /** Writes the series to disk (call while holding its lock). A failure is logged; the memory copy stays. */
    void save(Series s) {
        if (dir == null) return;
        Path file = file(s.symbol, s.timeframe);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (Writer w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8))) {
                w.write(MAGIC + " symbol=" + s.symbol + " timeframe=" + s.timeframe.label() + " covered_from=" + s.coveredFrom.getEpochSecond()
                        + " covered_to=" + s.coveredTo.getEpochSecond() + "\n");
                w.write(HEADER + "\n");
                StringBuilder line = new StringBuilder(96);
                for (Bar b : s.bars) {
                    line.setLength(0);
                    line.append(b.start().getEpochSecond()).append(',').append(b.end().getEpochSecond()).append(',').append(b.open()).append(',')
                            .append(b.high()).append(',').append(b.low()).append(',').append(b.close()).append(',').append(b.volume()).append('\n');
                    w.write(line.toString());
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("bar cache: cannot write {}: {}", file, e.toString());
        }
    }

    Path file(String symbol, Timeframe tf) {
        return dir.resolve(safeName(symbol) + "_" + tf.label() + ".csv.gz");
    }

    private Series load(String symbol, Timeframe tf) {
        Series s = new Series(symbol, tf);
        if (dir == null) return s;
        Path file = file(symbol, tf);
        if (!Files.isRegularFile(file)) return s;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = r.readLine();
            if (first == null || !first.startsWith(MAGIC)) throw new IOException("not a bar cache file");
            Instant from = null, to = null;
            for (String part : first.split(" ")) {
                if (part.startsWith("covered_from=")) from = Instant.ofEpochSecond(Long.parseLong(part.substring(13)));
                if (part.startsWith("covered_to=")) to = Instant.ofEpochSecond(Long.parseLong(part.substring(11)));
            }
            if (from == null || to == null) throw new IOException("no covered window in the first line");
            if (!HEADER.equals(r.readLine())) throw new IOException("unexpected header");
            List<Bar> bars = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                if (f.length != 7) throw new IOException("bad row '" + line + "'");
                Bar b = new Bar(Instant.ofEpochSecond(Long.parseLong(f[0])), Instant.ofEpochSecond(Long.parseLong(f[1])), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
                if (b.isValid()) bars.add(b);
            }
            s.merge(bars);
            s.coveredFrom = from;
            s.coveredTo = to;
        } catch (IOException | RuntimeException e) {
            LOG.warn("bar cache: ignoring unreadable {} ({}); the bars will be downloaded again", file, e.toString());
            return new Series(symbol, tf);
        }
        return s;
    }

    /** A file name for any symbol: letters and digits as they are, anything else as _XX (hex), so names never collide. */
    static String safeName(String symbol) {
        StringBuilder sb = new StringBuilder();
        for (char c : symbol.toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) sb.append(c);
            else sb.append('_').append(String.format("%02X", (int) c & 0xFF));
        }
        return sb.toString();
    }
}
