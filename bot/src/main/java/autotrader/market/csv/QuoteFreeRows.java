package autotrader.market.csv;

import java.nio.charset.StandardCharsets;

/**
 * The rows of a csv file's bytes when they hold no quote character and nothing but ASCII (after an
 * optional UTF-8 byte order mark), as Commons CSV (with {@code CsvTable}'s format) would give them: a
 * row is a line (ended by LF, CRLF or CR) cut at every comma, each field trimmed of surrounding white
 * space, trailing empty fields kept; a blank line is no row. Line numbers count from 1. Fields stay
 * offsets into the bytes until asked for: numbers and times are parsed from the bytes themselves.
 * Only for such text: a quote could hide a comma or a line break in a field, and outside ASCII
 * "white space" is Java's (Character.isWhitespace) rule, which the String path keeps.
 */
final class QuoteFreeRows implements CsvRow {

    private final byte[] text;
    private int position;
    private long nextLine = 1;
    private long line;
    private int[] from = new int[16], to = new int[16];
    private int count;

    private QuoteFreeRows(byte[] text, int start) {
        this.text = text;
        this.position = start;
    }

    /** The rows of {@code bytes}, or null when they hold a quote or a byte outside ASCII (the general parser's job). */
    static QuoteFreeRows of(byte[] bytes) {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) if (bytes[i] == '"' || bytes[i] < 0) return null;
        return new QuoteFreeRows(bytes, start);
    }

    /** Moves to the next non-blank row; false at the end. */
    boolean advance() {
        int n = text.length;
        while (position < n) {
            int end = position;
            while (end < n && text[end] != '\n' && text[end] != '\r') end++;
            int start = position;
            position = end < n && text[end] == '\r' && end + 1 < n && text[end + 1] == '\n' ? end + 2 : end + 1;
            long at = nextLine++;
            if (isBlank(start, end)) continue;
            line = at;
            count = 0;
            int fieldStart = start;
            for (int k = start; k <= end; k++) {
                if (k == end || text[k] == ',') {
                    add(fieldStart, k);
                    fieldStart = k + 1;
                }
            }
            return true;
        }
        return false;
    }

    /** The current row's fields as Strings. */
    String[] fields() {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) out[i] = text(i);
        return out;
    }

    /** Line number of the current row. */
    long line() {
        return line;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public String text(int i) {
        return new String(text, from[field(i)], to[i] - from[i], StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean isEmpty(int i) {
        return from[field(i)] == to[i];
    }

    @Override
    public double decimal(int i) {
        double v = OhlcvColumns.plainDecimal(text, from[field(i)], to[i]);
        return Double.isNaN(v) ? Double.parseDouble(text(i)) : v;
    }

    @Override
    public long localSeconds(int i) {
        long v = LocalTimes.commonLocalSeconds(text, from[field(i)], to[i]);
        return v != LocalTimes.NOT_COMMON ? v : LocalTimes.localSeconds(text(i));
    }

    @Override
    public long epochDay(int i) {
        long v = LocalTimes.commonEpochDay(text, from[field(i)], to[i]);
        return v != LocalTimes.NOT_COMMON ? v : LocalTimes.epochDay(text(i));
    }

    @Override
    public boolean textIs(int i, String s) {
        int n = to[i] - from[field(i)];
        if (s == null || s.length() != n) return false;
        for (int k = 0; k < n; k++) if (text[from[i] + k] != s.charAt(k)) return false;
        return true;
    }

    /** {@code i}, when the current row has that field (the offset arrays are longer than the row). */
    private int field(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("field " + i + " of a row of " + count);
        return i;
    }

    private void add(int start, int end) {
        while (start < end && isSpace(text[start])) start++;
        while (end > start && isSpace(text[end - 1])) end--;
        if (count == from.length) {
            from = java.util.Arrays.copyOf(from, 2 * count);
            to = java.util.Arrays.copyOf(to, 2 * count);
        }
        from[count] = start;
        to[count] = end;
        count++;
    }

    private boolean isBlank(int start, int end) {
        for (int k = start; k < end; k++) if (!isSpace(text[k])) return false;
        return true;
    }

    /** For ASCII what String.trim and Commons CSV's surrounding-space rule both drop: the controls and the space (never the comma). */
    private static boolean isSpace(byte c) {
        return c <= ' ';
    }
}
