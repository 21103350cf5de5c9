package autotrader.market.store;

import autotrader.market.Timeframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The windows a fetch has already asked a broker for, per symbol and timeframe, so that a second
 * run (or one resumed after a kill) asks only for what is missing, including windows that came back
 * empty (a symbol listed later, a long halt). Kept beside the series' Parquet file as
 * {@code _fetched.txt} (one "from to" pair of epoch seconds a line, merged; the leading underscore
 * keeps Spark and DuckDB from reading it as data), rewritten through a temporary file and a rename.
 */
public final class FetchLog {

    /** A window [from, to) of time. */
    public record Window(Instant from, Instant to) {
    }

    static final String FILE = "_fetched.txt";
    private final BarStore store;

    public FetchLog(BarStore store) {
        this.store = store;
    }

    /** The windows asked for so far, merged and sorted. */
    public synchronized List<Window> windows(String symbol, Timeframe tf) {
        Path f = file(symbol, tf);
        if (!Files.isRegularFile(f)) return List.of();
        List<Window> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f)) {
                String[] p = line.trim().split("\\s+");
                if (p.length != 2) continue;   // a line cut short by a kill: that window is asked again
                try {
                    out.add(new Window(Instant.ofEpochSecond(Long.parseLong(p[0])), Instant.ofEpochSecond(Long.parseLong(p[1]))));
                } catch (NumberFormatException e) {
                    // as above
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return merge(out);
    }

    /** Records that [from, to) was asked for and its answer stored. */
    public synchronized void add(String symbol, Timeframe tf, Instant from, Instant to) {
        List<Window> all = new ArrayList<>(windows(symbol, tf));
        all.add(new Window(from, to));
        StringBuilder sb = new StringBuilder();
        for (Window w : merge(all)) sb.append(w.from().getEpochSecond()).append(' ').append(w.to().getEpochSecond()).append('\n');
        Path f = file(symbol, tf);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling("." + FILE + ".tmp");
            Files.writeString(tmp, sb);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    /** The parts of [from, to) not yet asked for, oldest first. */
    public List<Window> missing(String symbol, Timeframe tf, Instant from, Instant to) {
        List<Window> out = new ArrayList<>();
        Instant at = from;
        for (Window w : windows(symbol, tf)) {
            if (!w.to().isAfter(at)) continue;
            if (!w.from().isBefore(to)) break;
            if (w.from().isAfter(at)) out.add(new Window(at, w.from()));
            at = w.to();
            if (!at.isBefore(to)) return out;
        }
        if (at.isBefore(to)) out.add(new Window(at, to));
        return out;
    }

    private Path file(String symbol, Timeframe tf) {
        return store.file(symbol, tf).resolveSibling(FILE);
    }

    static List<Window> merge(List<Window> in) {
        List<Window> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing(Window::from));
        List<Window> out = new ArrayList<>();
        for (Window w : sorted) {
            if (!out.isEmpty() && !w.from().isAfter(out.get(out.size() - 1).to())) {
                Window last = out.remove(out.size() - 1);
                out.add(new Window(last.from(), w.to().isAfter(last.to()) ? w.to() : last.to()));
            } else {
                out.add(w);
            }
        }
        return out;
    }
}
