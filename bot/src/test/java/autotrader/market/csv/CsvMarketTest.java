package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvMarketTest {

    private static final MarketCalendar NYSE = MarketCalendar.nyse();

    @TempDir
    Path dir;

    @Test
    void missingFolderIsRejectedByName() {
        Path nowhere = dir.resolve("no-such-data");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CsvMarket(nowhere, Set.of()));
        assertTrue(e.getMessage().contains(nowhere.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void aSeriesIsNeverReadAcrossAGapOfMoreThanAWeekOfSessions() throws IOException {
        List<String> rows = new ArrayList<>(List.of("date,open,high,low,close,volume,Name"));
        // 2024-03-01..03-08 (6 sessions), nothing until 2024-04-01, then 2024-04-01..04-05 (5 sessions); and a 3-day halt in BBB.
        for (String d : List.of("2024-03-01", "2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08",
                "2024-04-01", "2024-04-02", "2024-04-03", "2024-04-04", "2024-04-05")) rows.add(d + ",10,11,9,10.5,1000,AAA");
        for (String d : List.of("2024-03-01", "2024-03-04", "2024-03-08", "2024-03-11")) rows.add(d + ",10,11,9,10.5,1000,BBB");
        write("daily/all.csv", rows.toArray(String[]::new));
        CsvMarket m = new CsvMarket(dir, Set.of());
        Instant close = NYSE.closeInstant(LocalDate.of(2024, 4, 5));
        List<Bar> aaa = m.bars("AAA", Timeframe.D1, close, 100);
        assertEquals(5, aaa.size(), "only the bars after the gap: " + aaa);
        assertEquals(NYSE.dateAt(aaa.get(0).start()), LocalDate.of(2024, 4, 1));
        assertEquals(6, m.bars("AAA", Timeframe.D1, NYSE.closeInstant(LocalDate.of(2024, 3, 29)), 100).size(), "before the gap: all of it");
        assertEquals(4, m.bars("BBB", Timeframe.D1, NYSE.closeInstant(LocalDate.of(2024, 3, 11)), 100).size(), "a 3-session halt is no gap");
        // 03-11..03-28: 14 sessions (Good Friday 03-29 is a holiday).
        assertEquals(List.of("AAA 1d: no bars for 14 sessions between 2024-03-08 and 2024-04-01; bars before the gap are not read across it"),
                m.gaps());
    }

    @Test
    void badRowsAreReportedWithFileAndLineAndSkipped() throws IOException {
        Path daily = write("daily/all.csv",
                "date,open,high,low,close,volume,Name",
                "2024-03-01,10,11,9,10.5,1000,AAA",
                "2024-03-04,,11,9,10.5,1000,AAA",          // line 3: empty open
                "2024-03-05,10,9,11,10.5,1000,AAA",        // line 4: high < low
                "2024-03-05,10,11,9,12,1000,AAA",          // line 5: close above high
                "2024-03-06,10,11,9,abc,1000,AAA",         // line 6: unparsable close
                "2024-03-07,10,11,9,10.5,1000,AAA",
                "2024-03-06,10,11,9,10.5,1000,AAA",        // line 8: date goes back
                "2024-03-01,20,21,19,20.5,500,BBB");       // another symbol may start over
        Path minutes = writeGz("intraday/x/AAA_1min.csv.gz",
                "datetime,open,high,low,close,volume",
                "2024-03-07 09:30:00,10,10.2,9.9,10.1,100",
                "2024-03-07 09:31:00,10.1,10.2,10.0,10.1,100",
                "2024-03-07 09:31:00,10.1,10.2,10.0,10.1,100",  // line 4: same time again
                "2024-03-07 09:30:00,10.1,10.2,10.0,10.1,100",  // line 5: earlier time
                "2024-03-07 09:32:00,10.1,10.3,10.0,10.2,");    // line 6: empty volume
        CsvMarket market = new CsvMarket(dir, Set.of());
        List<Bar> aaa = market.bars("AAA", Timeframe.D1, close("2024-03-07"), 10);
        assertEquals(List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 7)), aaa.stream().map(b -> NYSE.dateAt(b.start())).toList());
        assertEquals(1, market.bars("BBB", Timeframe.D1, close("2024-03-07"), 10).size());
        assertProblem(market, daily, 3, "empty open");
        assertProblem(market, daily, 4, "high 9.0 < low 11.0");
        assertProblem(market, daily, 5, "outside");
        assertProblem(market, daily, 6, "unparsable close");
        assertProblem(market, daily, 8, "not after");
        assertEquals(5, market.problems().size(), "intraday files are read lazily: " + market.problems());

        assertEquals(2, market.bars("AAA", Timeframe.M1, close("2024-03-07"), 10).size());
        assertProblem(market, minutes, 4, "not after");
        assertProblem(market, minutes, 5, "not after");
        assertProblem(market, minutes, 6, "empty volume");
        assertEquals(8, market.problems().size());
    }

    @Test
    void gzipAndPlainReadTheSame() throws IOException {
        String[] rows = minuteRows("2024-03-07", 390, 50.0);
        write("intraday/PLAIN_1min.csv", rows);
        writeGz("intraday/ZIPPED_1min.csv.gz", rows);
        write("daily/P.csv", "Date,Open,High,Low,Close,Adj Close,Volume", "2024-03-07,1,2,0.5,1.5,1.4,10");
        writeGz("daily/Z.csv.gz", "Date,Open,High,Low,Close,Adj Close,Volume", "2024-03-07,1,2,0.5,1.5,1.4,10");
        CsvMarket market = new CsvMarket(dir, Set.of());
        for (Timeframe tf : Timeframe.values()) {
            List<Bar> plain = market.bars("PLAIN", tf, close("2024-03-07"), 500);
            assertFalse(plain.isEmpty(), tf.label());
            assertEquals(plain, market.bars("ZIPPED", tf, close("2024-03-07"), 500), tf.label());
        }
        assertEquals(390, market.bars("PLAIN", Timeframe.M1, close("2024-03-07"), 500).size());
        assertEquals(market.bars("P", Timeframe.D1, close("2024-03-07"), 5), market.bars("Z", Timeframe.D1, close("2024-03-07"), 5));
        assertEquals(List.of(), market.problems());
    }

    @Test
    void readsBeforeAnIntradayFilesFirstBarSeeNothingOnEveryTimeframeBeforeAndAfterTheFileWasLoaded() throws IOException {
        write("intraday/LATE_1min.csv", minuteRows("2024-03-07", 390, 50.0));
        CsvMarket market = new CsvMarket(dir, Set.of());
        Instant early = close("2016-03-07");
        for (Timeframe tf : Timeframe.values()) assertEquals(List.of(), market.bars("LATE", tf, early, 10), "before loading: " + tf.label());
        assertEquals(1, market.bars("LATE", Timeframe.D1, close("2024-03-07"), 10).size());
        for (Timeframe tf : Timeframe.values()) assertEquals(List.of(), market.bars("LATE", tf, early, 10), "after loading: " + tf.label());
        // The first minute bar (09:30-09:31) is there as of its end, not a second before.
        Instant firstEnd = LocalDateTime.parse("2024-03-07T09:31").atZone(MarketCalendar.NEW_YORK).toInstant();
        assertEquals(1, market.bars("LATE", Timeframe.M1, firstEnd, 10).size());
        assertEquals(List.of(), market.bars("LATE", Timeframe.M1, firstEnd.minusSeconds(1), 10));
    }

    @Test
    void onlyRegularSessionBarsOfTradingDaysAreKept() throws IOException {
        write("intraday/EXT_1min.csv",
                "DateTime,Open,High,Low,Close,Volume",
                "2024-11-27 04:00:00,10,10,10,10,1",      // pre-market
                "2024-11-27 09:29:00,10,10,10,10,1",
                "2024-11-27 09:30:00,10,11,9,10,2",       // kept
                "2024-11-27 15:59:00,10,11,9,10,3",       // kept
                "2024-11-27 16:00:00,10,10,10,10,1",      // post-market
                "2024-11-28 10:00:00,10,10,10,10,1",      // Thanksgiving
                "2024-11-29 12:59:00,10,11,9,10,4",       // kept: last minute of a 13:00 close
                "2024-11-29 13:00:00,10,10,10,10,1",      // after the early close
                "2024-11-30 10:00:00,10,10,10,10,1");     // Saturday
        CsvMarket market = new CsvMarket(dir, Set.of());
        List<Bar> bars = market.bars("EXT", Timeframe.M1, close("2024-11-29"), 100);
        assertEquals(List.of(at("2024-11-27", "09:30"), at("2024-11-27", "15:59"), at("2024-11-29", "12:59")),
                bars.stream().map(Bar::start).toList());
        assertEquals(at("2024-11-29", "13:00"), bars.get(2).end());
        List<Bar> days = market.bars("EXT", Timeframe.D1, close("2024-11-29"), 10);
        assertEquals(2, days.size());
        assertEquals(5, days.get(0).volume());
        assertEquals(at("2024-11-29", "13:00"), days.get(1).end());
        assertEquals(List.of(), market.problems(), "out-of-session rows are not problems");
    }

    @Test
    void fiveMinuteOnlySymbolAggregatesFromFiveMinutes() throws IOException {
        String[] day1 = minuteRows("2024-03-07", 78, 5, 20.0);
        String[] day2 = minuteRows("2024-03-08", 78, 5, 21.0);
        List<String> rows = new ArrayList<>(List.of(day1));
        rows.addAll(List.of(day2).subList(1, day2.length));
        write("intraday/us_5min/FIVE_5min.csv", rows.toArray(new String[0]));
        CsvMarket market = new CsvMarket(dir, Set.of());
        Instant asOf = close("2024-03-08");
        assertEquals(List.of(), market.bars("FIVE", Timeframe.M1, asOf, 10), "no 1m from 5m data");
        List<Bar> five = market.bars("FIVE", Timeframe.M5, asOf, 1000);
        assertEquals(156, five.size());
        assertEquals(26, market.bars("FIVE", Timeframe.M30, asOf, 1000).size());
        assertEquals(14, market.bars("FIVE", Timeframe.H1, asOf, 1000).size());
        assertEquals(4, market.bars("FIVE", Timeframe.H6, asOf, 1000).size());
        List<Bar> daily = market.bars("FIVE", Timeframe.D1, asOf, 1000);
        assertEquals(2, daily.size());
        List<Bar> firstDay = five.subList(0, 78);
        Bar d = daily.get(0);
        assertEquals(firstDay.get(0).open(), d.open());
        assertEquals(firstDay.get(77).close(), d.close());
        assertEquals(firstDay.stream().mapToDouble(Bar::high).max().orElseThrow(), d.high());
        assertEquals(firstDay.stream().mapToDouble(Bar::low).min().orElseThrow(), d.low());
        assertEquals(firstDay.stream().mapToDouble(Bar::volume).sum(), d.volume());
        Bar sixHour = market.bars("FIVE", Timeframe.H6, asOf, 1000).get(0);
        assertEquals(at("2024-03-07", "09:30"), sixHour.start());
        assertEquals(at("2024-03-07", "15:30"), sixHour.end());
        // Mid-session: the forming 10:30-11:30 hour is not returned; the session so far is.
        Instant mid = at("2024-03-08", "10:47");
        assertEquals(at("2024-03-08", "10:30"), last(market.bars("FIVE", Timeframe.H1, mid, 5)).end());
        assertEquals(at("2024-03-08", "10:45"), last(market.bars("FIVE", Timeframe.M5, mid, 5)).end());
        Optional<Bar> soFar = market.sessionSoFar("FIVE", mid);
        assertTrue(soFar.isPresent());
        assertEquals(at("2024-03-08", "09:30"), soFar.get().start());
        assertEquals(at("2024-03-08", "10:45"), soFar.get().end());
        assertEquals(15 * 1000.0, soFar.get().volume());
        assertEquals(Instant.parse("2024-03-08T21:00:00Z"), market.lastAvailable());
    }

    @Test
    void minutesWinWhereTheyExistAndFiveMinutesFillTheRest() throws IOException {
        write("intraday/MIX_1min.csv", minuteRows("2024-03-08", 390, 30.0));
        List<String> rows = new ArrayList<>(List.of(minuteRows("2024-03-07", 78, 5, 29.0)));
        rows.addAll(List.of(minuteRows("2024-03-08", 78, 5, 99.0)).subList(1, 79));   // a different price: must lose
        write("intraday/MIX_5min.csv", rows.toArray(new String[0]));
        CsvMarket market = new CsvMarket(dir, Set.of());
        List<Bar> daily = market.bars("MIX", Timeframe.D1, close("2024-03-08"), 5);
        assertEquals(2, daily.size());
        assertEquals(29.0, daily.get(0).open());
        assertEquals(30.0, daily.get(1).open(), "1-minute data wins on 03-08");
        assertEquals(390, market.bars("MIX", Timeframe.M1, close("2024-03-08"), 1000).size());
        assertEquals(156, market.bars("MIX", Timeframe.M5, close("2024-03-08"), 1000).size());
    }

    @Test
    void perSymbolEtfFileWithYahooColumns() throws IOException {
        write("daily/etf/SPY.csv",
                "Date,Open,High,Low,Close,Adj Close,Volume",
                "2024-07-02,100,102,99,101,98.5,5000",
                "2024-07-03,101,103,100,102,99.5,4000");
        write("daily/all.csv", "date,open,high,low,close,volume,Name", "2024-07-03,5,6,4,5.5,100,ABC");
        CsvMarket market = new CsvMarket(dir);
        assertTrue(market.has("SPY"));
        assertEquals(List.of("ABC"), market.universe(), "benchmarks are not in the universe");
        List<Bar> spy = market.bars("SPY", Timeframe.D1, close("2024-07-03"), 10);
        assertEquals(2, spy.size());
        Bar early = spy.get(1);
        assertEquals(new Bar(at("2024-07-03", "09:30"), at("2024-07-03", "13:00"), 101, 103, 100, 102, 4000), early);
        assertEquals(at("2024-07-02", "16:00"), spy.get(0).end());
        assertEquals(1, market.bars("SPY", Timeframe.D1, at("2024-07-03", "12:59"), 10).size(), "not complete before 13:00");
        assertEquals(List.of(), market.bars("SPY", Timeframe.H1, close("2024-07-03"), 10), "no intraday files");
        assertTrue(market.sessionSoFar("SPY", at("2024-07-03", "11:00")).isEmpty());
        assertEquals(at("2024-07-03", "13:00"), market.lastAvailable());
        assertFalse(market.simulated());
    }

    @Test
    void dailyFilesThenIntradaySessionsAfterThem() throws IOException {
        write("daily/all.csv", "date,open,high,low,close,volume,Name",
                "2024-03-06,7,8,6,7.5,100,ABC", "2024-03-07,7,8,6,7.5,100,ABC");
        write("intraday/ABC_5min.csv", minuteRows("2024-03-07", 78, 5, 50.0));
        List<String> more = new ArrayList<>(List.of(minuteRows("2024-03-08", 78, 5, 51.0)));
        String[] partial = minuteRows("2024-03-11", 10, 5, 52.0);   // the data stops at 10:20 on 03-11
        more.addAll(List.of(partial).subList(1, partial.length));
        write("intraday/ABC_5min.csv", more.toArray(new String[0]));
        CsvMarket market = new CsvMarket(dir, Set.of());
        List<Bar> daily = market.bars("ABC", Timeframe.D1, close("2024-03-12"), 10);
        assertEquals(List.of(7.0, 7.0, 51.0), daily.stream().map(Bar::open).toList(),
                "daily file for 03-06/07, intraday for 03-08, nothing for the unfinished 03-11");
        assertEquals(List.of(7.0, 51.0), market.bars("ABC", Timeframe.D1, close("2024-03-12"), 2).stream().map(Bar::open).toList());
    }

    private static Bar last(List<Bar> bars) {
        return bars.get(bars.size() - 1);
    }

    private static void assertProblem(CsvMarket market, Path file, long line, String reasonPart) {
        assertTrue(market.problems().stream().anyMatch(p -> p.file().equals(file) && p.line() == line && p.reason().contains(reasonPart)),
                "expected " + file.getFileName() + ":" + line + " '" + reasonPart + "' in " + market.problems());
    }

    /** A header and n bars of the given size from 09:30, prices drifting up a cent a bar, volume 1000. */
    static String[] minuteRows(String date, int n, int minutes, double startPrice) {
        String[] rows = new String[n + 1];
        rows[0] = "datetime,open,high,low,close,volume";
        LocalTime t = LocalTime.of(9, 30);
        for (int k = 0; k < n; k++, t = t.plusMinutes(minutes)) {
            double o = startPrice + 0.01 * k, c = o + 0.01;
            rows[k + 1] = String.format("%s %s:00,%.2f,%.2f,%.2f,%.2f,%d", date, t, o, c + 0.05 * (k % 3), o - 0.02 * (k % 4), c, 1000);
        }
        return rows;
    }

    static String[] minuteRows(String date, int n, double startPrice) {
        return minuteRows(date, n, 1, startPrice);
    }

    private Path write(String relative, String... lines) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p;
    }

    private Path writeGz(String relative, String... lines) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Instant close(String date) {
        return NYSE.closeInstant(LocalDate.parse(date));
    }

    private static Instant at(String date, String time) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), MarketCalendar.NEW_YORK).toInstant();
    }
}
