package autotrader.universe;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A listed-symbols file: NASDAQ Trader's {@code nasdaqlisted.txt} ({@code Symbol|Security Name|Market
 * Category|Test Issue|Financial Status|...|ETF|...}) or {@code otherlisted.txt} ({@code ACT Symbol|Security
 * Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|...}), the same columns comma-separated (as
 * ../shared/data/reference/nasdaq_listed_symbols.csv), or one symbol per line (nothing known about
 * the security then: every line counts as a common stock). The trailing "File Creation Time" line
 * and blank lines are skipped.
 */
public final class ListedSymbols {

    /** One listed security; {@code known} is false for a bare symbol line. */
    public record Listing(String symbol, String name, boolean etf, boolean testIssue, String financialStatus, boolean known) {
    }

    private static final Pattern TICKER = Pattern.compile("[A-Z][A-Z0-9]{0,5}([./-][A-Z0-9]{1,3})?");

    private ListedSymbols() {
    }

    /** Every listing of the file, in file order; a symbol seen twice is kept once (the first). */
    public static List<Listing> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, Listing> out = new LinkedHashMap<>();
        if (lines.isEmpty()) return List.of();
        String head = lines.get(0).replace("\uFEFF", "");
        String sep = head.contains("|") ? "\\|" : ",";
        List<String> cols = new ArrayList<>();
        for (String c : head.split(sep, -1)) cols.add(c.trim().toLowerCase(Locale.ROOT));
        int sym = index(cols, "symbol", "act symbol"), name = index(cols, "security name"), etf = index(cols, "etf"),
                test = index(cols, "test issue"), status = index(cols, "financial status");
        boolean table = sym >= 0;
        for (int i = table ? 1 : 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("File Creation Time")) continue;
            if (!table) {
                String s = line.toUpperCase(Locale.ROOT);
                if (TICKER.matcher(s).matches()) out.putIfAbsent(s, new Listing(s, "", false, false, "", false));
                continue;
            }
            String[] f = fields(line, sep);
            String s = cell(f, sym).toUpperCase(Locale.ROOT);
            if (!TICKER.matcher(s).matches()) continue;
            out.putIfAbsent(s, new Listing(s, cell(f, name), cell(f, etf).equalsIgnoreCase("Y"), cell(f, test).equalsIgnoreCase("Y"), cell(f, status), true));
        }
        return List.copyOf(out.values());
    }

    /** The cells of a line; comma files quote names that hold commas ("American Airlines Group, Inc."). */
    private static String[] fields(String line, String sep) throws IOException {
        if (!sep.equals(",")) return line.split(sep, -1);
        try (CSVParser p = CSVParser.parse(line, CSVFormat.DEFAULT)) {
            List<CSVRecord> rows = p.getRecords();
            return rows.isEmpty() ? new String[0] : rows.get(0).values();
        }
    }

    private static int index(List<String> cols, String... names) {
        for (String n : names) {
            int i = cols.indexOf(n);
            if (i >= 0) return i;
        }
        return -1;
    }

    private static String cell(String[] f, int i) {
        return i >= 0 && i < f.length ? f[i].replace("\"", "").trim() : "";
    }
}
