package autotrader.schwab.market;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads a universe file: plain text with one symbol per line (blank lines and {@code #} comments
 * skipped), or a csv whose header has a {@code Symbol} column (as NASDAQ's nasdaqlisted file and the
 * S&P 500 constituents list). Lines that are not a ticker, such as the NASDAQ file's
 * "File Creation Time" footer, are skipped; rows marked {@code Test Issue = Y} are left out.
 * Symbols are upper-cased and kept once, in file order.
 */
public final class SymbolList {

    private static final Logger LOG = LoggerFactory.getLogger(SymbolList.class);
    /** A US ticker as Schwab writes it: letters, digits, and the class separators '.', '/' or '-'. */
    private static final Pattern TICKER = Pattern.compile("[A-Z][A-Z0-9]{0,5}([./-][A-Z0-9]{1,3})?");

    private SymbolList() {
    }

    /** @throws IOException when the file cannot be read; an empty list when it holds no ticker */
    public static List<String> read(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) in = new GZIPInputStream(in);
        Set<String> out = new LinkedHashSet<>();
        int skipped = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String first = r.readLine();
            if (first == null) return List.of();
            first = first.replace("\uFEFF", "");
            List<String> header = split(first);
            int symbolCol = -1, testCol = -1;
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).trim().toLowerCase(Locale.ROOT);
                if (h.equals("symbol") || h.equals("ticker")) symbolCol = i;
                if (h.equals("test issue")) testCol = i;
            }
            boolean csv = symbolCol >= 0;
            if (!csv) skipped += add(first.trim(), out) ? 0 : 1;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (!csv) {
                    skipped += add(line.trim(), out) ? 0 : 1;
                    continue;
                }
                List<String> cells = split(line);
                if (symbolCol >= cells.size()) {
                    skipped++;
                    continue;
                }
                if (testCol >= 0 && testCol < cells.size() && cells.get(testCol).trim().equalsIgnoreCase("Y")) continue;
                skipped += add(cells.get(symbolCol).trim(), out) ? 0 : 1;
            }
        }
        if (skipped > 0) LOG.info("{}: {} symbols, {} lines that are not a ticker skipped (headers, footers)", file, out.size(), skipped);
        return List.copyOf(out);
    }

    private static boolean add(String cell, Set<String> out) {
        String s = cell.replace("\"", "").trim().toUpperCase(Locale.ROOT);
        if (!TICKER.matcher(s).matches()) return false;
        out.add(s);
        return true;
    }

    /** Splits a csv line on commas outside double quotes. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) {
                cells.add(cur.toString());
                cur.setLength(0);
            } else cur.append(ch);
        }
        cells.add(cur.toString());
        return cells;
    }
}
