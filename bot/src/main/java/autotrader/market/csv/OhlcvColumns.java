package autotrader.market.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the time, symbol and OHLCV fields are in one file's rows, and the parsing and checking of
 * a row's prices. A row that fails gives a reason, which becomes a {@link LoadProblem}.
 */
final class OhlcvColumns {

    final int time, symbol, open, high, low, close, volume;
    private final List<String> header;
    double o, h, l, c, v;

    OhlcvColumns(CsvTable table) {
        header = table.header();
        time = table.column("datetime", "timestamp", "date", "time");
        symbol = table.column("name", "symbol", "ticker");
        open = table.column("open");
        high = table.column("high");
        low = table.column("low");
        close = table.column("close");
        volume = table.column("volume");
    }

    /**
     * Why the file cannot be used, naming the missing columns and the header as it is (a file of
     * another layout is then recognisable at a glance), or null when it has every needed column.
     */
    String unusable() {
        if (header.isEmpty()) return "empty file (no header line)";
        List<String> m = missing();
        if (m.isEmpty()) return null;
        return "no " + String.join(", ", m.stream().map(c -> "'" + c + "'").toList()) + (m.size() == 1 ? " column" : " columns")
                + " (header: " + String.join(",", header) + ")";
    }

    /** Required columns the header lacks, empty when the file is usable. */
    List<String> missing() {
        List<String> m = new ArrayList<>();
        if (time < 0) m.add("date/datetime");
        if (open < 0) m.add("open");
        if (high < 0) m.add("high");
        if (low < 0) m.add("low");
        if (close < 0) m.add("close");
        if (volume < 0) m.add("volume");
        return m;
    }

    /** Parses the prices and volume into o, h, l, c, v; returns why the row is unusable, or null. */
    String parse(String[] f) {
        String why;
        if ((why = field(f, open, "open")) != null) return why;
        o = value;
        if ((why = field(f, high, "high")) != null) return why;
        h = value;
        if ((why = field(f, low, "low")) != null) return why;
        l = value;
        if ((why = field(f, close, "close")) != null) return why;
        c = value;
        if ((why = field(f, volume, "volume")) != null) return why;
        v = value;
        if (!(o > 0 && h > 0 && l > 0 && c > 0)) return "price is not positive";
        if (h < l) return "high " + h + " < low " + l;
        if (o > h || o < l || c > h || c < l) return "open/close outside high-low range";
        if (v < 0) return "negative volume " + v;
        return null;
    }

    private double value;

    private String field(String[] f, int index, String name) {
        if (index >= f.length || f[index].isEmpty()) return "empty " + name;
        try {
            value = Double.parseDouble(f[index]);
        } catch (NumberFormatException e) {
            return "unparsable " + name + " '" + f[index] + "'";
        }
        if (!Double.isFinite(value)) return "unparsable " + name + " '" + f[index] + "'";
        return null;
    }

    String text(String[] f, int index) {
        return index >= 0 && index < f.length ? f[index] : "";
    }
}
