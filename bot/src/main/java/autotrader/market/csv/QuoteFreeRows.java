package autotrader.market.csv;

/**
 * The rows of a csv text without any quote character, as Commons CSV (with {@code CsvTable}'s
 * format) would give them: a row is a line (ended by LF, CRLF or CR) cut at every comma, each field
 * trimmed of surrounding white space, trailing empty fields kept; a blank line is no row. Line numbers
 * count from 1. Only for text without quotes: a quote could hide a comma or a line break in a field.
 */
final class QuoteFreeRows {

    private final String text;
    private int position;
    private long nextLine = 1;
    private long line;

    private QuoteFreeRows(String text) {
        this.text = text;
    }

    /** The rows of {@code text}, or null when it has a quote (a quote may hide a comma or a line break: a csv parser's job). */
    static QuoteFreeRows of(String text) {
        return text.indexOf('"') < 0 ? new QuoteFreeRows(text) : null;
    }

    /** The next non-blank row's fields, or null at the end. */
    String[] next() {
        int n = text.length();
        while (position < n) {
            int end = position;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
            int start = position;
            position = end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            long at = nextLine++;
            if (isBlank(start, end)) continue;
            line = at;
            int commas = 0;
            for (int k = start; k < end; k++) if (text.charAt(k) == ',') commas++;
            String[] fields = new String[commas + 1];
            int from = start, field = 0;
            for (int k = start; k <= end; k++) {
                if (k == end || text.charAt(k) == ',') {
                    fields[field++] = trimmed(from, k);
                    from = k + 1;
                }
            }
            return fields;
        }
        return null;
    }

    /** Line number of the row last returned. */
    long line() {
        return line;
    }

    private boolean isBlank(int start, int end) {
        for (int k = start; k < end; k++) if (!isSpace(text.charAt(k))) return false;
        return true;
    }

    private String trimmed(int from, int to) {
        while (from < to && isSpace(text.charAt(from))) from++;
        while (to > from && isSpace(text.charAt(to - 1))) to--;
        return text.substring(from, to);
    }

    /** What String.trim and Commons CSV's surrounding-space rule both drop (never the comma). */
    private static boolean isSpace(char c) {
        return c <= ' ' || Character.isWhitespace(c);
    }
}
