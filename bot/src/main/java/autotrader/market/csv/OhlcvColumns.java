package autotrader.market.csv;

import java.nio.charset.StandardCharsets;
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
    String parse(CsvRow f) {
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

    private String field(CsvRow f, int index, String name) {
        if (index >= f.size() || f.isEmpty(index)) return "empty " + name;
        try {
            value = f.decimal(index);
        } catch (NumberFormatException e) {
            return "unparsable " + name + " '" + f.text(index) + "'";
        }
        if (!Double.isFinite(value)) return "unparsable " + name + " '" + f.text(index) + "'";
        return null;
    }

    /** Powers of ten that are exact doubles. */
    private static final double[] EXACT_POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * {@link Double#parseDouble}, with a fast path for plain decimals such as "211.0400" or "4315720"
     * ({@link #plainDecimal}). Parsing numbers was about 11 % of a cold cycle's samples on recorded bars.
     */
    static double parseDecimal(String s) {
        double v = s.length() <= 16 ? plainDecimal(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length()) : Double.NaN;
        return Double.isNaN(v) ? Double.parseDouble(s) : v;
    }

    /**
     * The double of the plain decimal in b[from, to) (at most 15 digits, no sign, no exponent, a
     * digit on both sides of any point), or NaN for any other text: digits / 10^decimals, where both
     * are exact doubles and one IEEE division rounds correctly, is the very double parseDouble gives
     * (Clinger's fast path).
     */
    static double plainDecimal(byte[] b, int from, int to) {
        int n = to - from, point = -1;
        long digits = 0;
        if (n == 0 || n > 16) return Double.NaN;
        for (int i = 0; i < n; i++) {
            int ch = b[from + i];
            if (ch >= '0' && ch <= '9') digits = digits * 10 + (ch - '0');
            else if (ch == '.' && point < 0) point = i;
            else return Double.NaN;
        }
        if (point == 0 || point == n - 1 || (point < 0 ? n : n - 1) > 15) return Double.NaN;
        return point < 0 ? digits : digits / EXACT_POWERS[n - 1 - point];
    }

    String text(CsvRow f, int index) {
        return index >= 0 && index < f.size() ? f.text(index) : "";
    }
}
