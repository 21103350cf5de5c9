package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The csv parsing itself: quoted fields, line numbers, header lookup. */
class CsvTableTest {

    @TempDir
    Path dir;

    @Test
    void quotedFieldsKeepTheirCommasQuotesAndLineBreaks() throws IOException {
        Path f = write("t.csv",
                "\uFEFFDate, \"Note\" ,Close",
                "2024-03-01,\"split 2:1, adjusted\",10.5",
                "",
                "   ",
                "2024-03-04,\"he said \"\"hold\"\"\",11",
                "2024-03-05,\"two",
                "lines\",12",
                "2024-03-06,plain,13");
        try (CsvTable t = CsvTable.open(f)) {
            assertEquals(List.of("Date", "Note", "Close"), t.header(), "BOM and spaces around the quotes dropped");
            assertEquals(2, t.column("close"), "by name, case-insensitively");
            List<String[]> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            String[] r;
            while ((r = t.next()) != null) {
                rows.add(r);
                lines.add(t.line());
            }
            assertArrayEquals(new String[]{"2024-03-01", "split 2:1, adjusted", "10.5"}, rows.get(0));
            assertArrayEquals(new String[]{"2024-03-04", "he said \"hold\"", "11"}, rows.get(1));
            assertArrayEquals(new String[]{"2024-03-05", "two\nlines", "12"}, rows.get(2));
            assertEquals(List.of(2L, 5L, 6L, 8L), lines, "a row's line is its first line in the file, blank lines counted");
            assertNull(t.next());
        }
    }

    @Test
    void aFileWithoutQuotesGivesCommonsCsvsRowsAndLines() throws IOException {
        // the fast path (no quote in the file) against Commons CSV on the same text with one quote added
        // in a last row, which sends the whole file through Commons CSV: every row before it must match
        String body = "\uFEFFdatetime , open,high\r\n2025-05-12 09:30:00,211.04, 211.26 \r\n\r\n  \t \n"
                + "2025-05-12 09:35:00,,\r2025-05-12 09:40:00,1,2,\n, ,\n\tx\t,y\n2025-05-12 09:45:00,3,4";
        List<String> fast = rows(write("fast.csv", body));
        List<String> commons = rows(write("commons.csv", body + "\n\"q\",1,2"));
        assertEquals(commons.subList(0, commons.size() - 1), fast);
        assertEquals(List.of("2: [2025-05-12 09:30:00, 211.04, 211.26]", "5: [2025-05-12 09:35:00, , ]",
                "6: [2025-05-12 09:40:00, 1, 2, ]", "7: [, , ]", "8: [x, y]", "9: [2025-05-12 09:45:00, 3, 4]"), fast);
    }

    @Test
    void rowsReadFromTheBytesParseAsTheirStringsDo() throws IOException {
        // the same rows through the byte path (quote-free ASCII) and through Commons CSV (a quote in a last
        // row sends the file there): every accessor gives the same value, or fails on the same fields
        String body = "\uFEFFdatetime,open,name\n2025-05-12 09:30:00, 211.0400 ,AAPL\n2025-05-12T09:35,1e3,aapl\n"
                + "2025-05-12 09:40:00+00:00,-2.5,MSFT\n2025-05-12 24:00:00,12345678901234567.5,\n2025-13-01,x,MSFT\n"
                + "2025-05-1x 09:45:00,.5,BRK.B\n20250512,5.,\n,,\n";
        List<String> fast = accessors(write("fast.csv", body));
        List<String> commons = accessors(write("commons.csv", body + "\"q\",1,2"));
        assertEquals(commons.subList(0, commons.size() - 1), fast);
        assertEquals("2: 2025-05-12 09:30:00 time=1747042200 day=20220 | 211.0400 number=211.04 | AAPL is AAPL", fast.get(0));
        try (CsvTable t = CsvTable.open(write("utf8.csv", "date,close\n2025-05-12,\u00a012.5\n"))) {
            assertEquals("\u00a012.5", t.nextRow().text(1), "outside ASCII the String path keeps Java's idea of white space");
        }
    }

    /** Each row's fields through every CsvRow accessor, errors as the exception's class. */
    private static List<String> accessors(Path f) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvTable t = CsvTable.open(f)) {
            CsvRow r;
            while ((r = t.nextRow()) != null) {
                StringBuilder b = new StringBuilder().append(t.line()).append(": ");
                for (int i = 0; i < r.size(); i++) {
                    if (i > 0) b.append(" | ");
                    b.append(r.text(i));
                    if (i == 0) b.append(" time=").append(attempt(r, i, 't')).append(" day=").append(attempt(r, i, 'd'));
                    if (i == 1) b.append(" number=").append(attempt(r, i, 'n'));
                    if (i == 2) b.append(r.isEmpty(i) ? " empty" : r.textIs(i, "AAPL") ? " is AAPL" : " not AAPL");
                    assertEquals(r.text(i).equals("AAPL"), r.textIs(i, "AAPL"), r.text(i));
                    assertEquals(r.text(i).isEmpty(), r.isEmpty(i), r.text(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static String attempt(CsvRow r, int i, char what) {
        try {
            return switch (what) {
                case 't' -> Long.toString(r.localSeconds(i));
                case 'd' -> Long.toString(r.epochDay(i));
                default -> Long.toHexString(Double.doubleToLongBits(r.decimal(i))).equals(Long.toHexString(Double.doubleToLongBits(Double.parseDouble(r.text(i)))))
                        ? Double.toString(r.decimal(i)) : "DIFFERS FROM parseDouble";
            };
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void plainDecimalsParseToParseDoublesDouble() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int k = 0; k < 200_000; k++) {
            int decimals = random.nextInt(0, 9);
            long digits = random.nextLong(0, k % 2 == 0 ? 10_000_000L : 1_000_000_000_000_000L);
            String s = Long.toString(digits);
            if (decimals > 0) {
                while (s.length() <= decimals) s = "0" + s;
                s = s.substring(0, s.length() - decimals) + "." + s.substring(s.length() - decimals);
            }
            assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(OhlcvColumns.parseDecimal(s)), s);
        }
        for (String s : new String[] {"0", "0.0", "007.50", "1e3", "-2.5", "+3", ".5", "5.", "Infinity", "12345678901234567.5"})
            assertEquals(Double.parseDouble(s), OhlcvColumns.parseDecimal(s), s);
    }

    private static List<String> rows(Path f) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvTable t = CsvTable.open(f)) {
            out.add("1: " + t.header());
            String[] r;
            while ((r = t.next()) != null) out.add(t.line() + ": " + java.util.Arrays.toString(r));
        }
        return out.subList(1, out.size());
    }

    @Test
    void theLastRowIsTheLastNonBlankLineParsed() throws IOException {
        assertArrayEquals(new String[]{"2024-03-06", "a, b", "13"},
                CsvTable.lastRow(write("a.csv", "Date,Note,Close", "2024-03-05,x,12", "2024-03-06,\"a, b\",13", "", "  ")));
        assertNull(CsvTable.lastRow(write("b.csv", "Date,Note,Close", "")), "a header only");
        assertArrayEquals(new String[]{"lines\"", "12"}, CsvTable.lastRow(write("c.csv", "Date,Note,Close", "2024-03-05,\"two", "lines\",12")),
                "a quoted field spanning lines: only its last line, whose time field then does not parse");
    }

    @Test
    void aQuotedCommaBeforeThePricesNoLongerShiftsTheColumns() throws IOException {
        // A split on every comma read "open" as ' adjusted"' here and skipped the row.
        write("daily/all.csv",
                "date,note,open,high,low,close,volume,Name",
                "2024-03-01,\"split 2:1, adjusted\",10,11,9,10.5,1000,AAA",
                "2024-03-04,,10.5,12,10,11.5,2000,\"AAA\"");
        CsvMarket market = new CsvMarket(dir, Set.of());
        MarketCalendar nyse = MarketCalendar.nyse();
        List<Bar> bars = market.bars("AAA", Timeframe.D1, nyse.closeInstant(LocalDate.of(2024, 3, 4)), 10);
        assertEquals(List.of(), market.problems());
        assertEquals(2, bars.size());
        assertEquals(10.0, bars.get(0).open());
        assertEquals(11.5, bars.get(1).close());
    }

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines), StandardCharsets.UTF_8);
        return p;
    }
}
