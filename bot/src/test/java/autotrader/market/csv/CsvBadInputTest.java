package autotrader.market.csv;

import autotrader.market.BadMarketDataException;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import java.util.zip.ZipException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad files are named with the reason and skipped; a folder with no usable bar at all is refused. */
class CsvBadInputTest {

    private static final Instant CLOSE = MarketCalendar.nyse().closeInstant(LocalDate.of(2024, 3, 7));

    @TempDir
    Path dir;

    @Test
    void aFileWithoutACloseColumnIsNamedWithTheColumnAndHeaderAndTheLoadGoesOn() throws IOException {
        Path bad = write("daily/old.csv", "date,open,high,low,volume,Name", "2024-03-07,10,11,9,1000,BAD");
        write("daily/good.csv", "date,open,high,low,close,volume,Name", "2024-03-07,10,11,9,10.5,1000,AAA");
        Path badMinutes = write("intraday/NOC_1min.csv", "datetime,open,high,low,volume", "2024-03-07 09:30:00,10,11,9,100");
        write("intraday/GOOD_1min.csv", CsvMarketTest.minuteRows("2024-03-07", 30, 50.0));
        CsvMarket market = new CsvMarket(dir, Set.of());
        assertEquals(bad + ": no 'close' column (header: date,open,high,low,volume,Name)", problem(market, bad));
        assertEquals(badMinutes + ": no 'close' column (header: datetime,open,high,low,volume)", problem(market, badMinutes));
        assertEquals(List.of("AAA", "GOOD"), market.universe(), "a file's symbol is offered only when the file is usable");
        assertFalse(market.has("NOC"));
        assertEquals(1, market.bars("AAA", Timeframe.D1, CLOSE, 5).size());
        assertEquals(30, market.bars("GOOD", Timeframe.M1, CLOSE, 50).size());
        assertEquals(2, market.problems().size(), market.problems().toString());
    }

    @Test
    void aGzFileThatIsNotGzipSaysSoAndIsSkipped() throws IOException {
        Path plain = write("intraday/FAKE_1min.csv.gz", CsvMarketTest.minuteRows("2024-03-07", 30, 50.0));
        write("daily/good.csv", "date,open,high,low,close,volume,Name", "2024-03-07,10,11,9,10.5,1000,AAA");
        CsvMarket market = new CsvMarket(dir, Set.of());
        assertEquals(plain + ": cannot read: not a gzip file, though named .gz (Not in GZIP format)", problem(market, plain));
        assertFalse(market.has("FAKE"));
        assertEquals(1, market.bars("AAA", Timeframe.D1, CLOSE, 5).size());
    }

    @Test
    void aTruncatedGzipIsReportedOnceWithTheReasonAndGivesNoBars() throws IOException {
        byte[] whole = gzip(CsvMarketTest.minuteRows("2024-03-07", 390, 50.0));
        Path cut = dir.resolve("intraday/CUT_1min.csv.gz");
        Files.createDirectories(cut.getParent());
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        write("intraday/GOOD_1min.csv", CsvMarketTest.minuteRows("2024-03-07", 30, 50.0));
        CsvMarket market = new CsvMarket(dir, Set.of());
        assertTrue(market.has("CUT"), "its header reads: the cut shows only when the file is read");
        assertEquals(List.of(), market.bars("CUT", Timeframe.M1, CLOSE, 500), "no history that silently ends early");
        assertEquals(cut + ": cannot read: truncated gzip (Unexpected end of ZLIB input stream)", problem(market, cut));
        market.lastAvailable();
        market.bars("CUT", Timeframe.M5, CLOSE, 500);
        assertEquals(1, market.problems().size(), "reported once: " + market.problems());
        assertEquals(30, market.bars("GOOD", Timeframe.M1, CLOSE, 50).size());
    }

    @Test
    void aFolderWhoseFilesAllLackCloseIsRefusedNamingTheFolderAndTheFiles() throws IOException {
        Path bad = write("daily/all.csv", "date,open,high,low,volume,Name", "2024-03-07,10,11,9,1000,AAA");
        write("intraday/X_5min.csv", "datetime,open,high,low,volume", "2024-03-07 09:30:00,10,11,9,100");
        BadMarketDataException e = assertThrows(BadMarketDataException.class, () -> new CsvMarket(dir, Set.of()));
        assertTrue(e.getMessage().startsWith("market data folder " + dir.toAbsolutePath().normalize() + " has no usable bars: 2 of 2 file(s) skipped; "),
                e.getMessage());
        assertTrue(e.getMessage().contains(bad + ": no 'close' column (header: date,open,high,low,volume,Name)"), e.getMessage());
    }

    @Test
    void aFolderWithoutCsvFilesIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("daily"));
        write("intraday/MANIFEST.txt", "not bars");
        BadMarketDataException e = assertThrows(BadMarketDataException.class, () -> new CsvMarket(dir, Set.of()));
        assertTrue(e.getMessage().endsWith("has no usable bars: no *.csv or *.csv.gz file under daily/ or intraday/"), e.getMessage());
    }

    @Test
    void filesWhoseEveryRowIsBadGiveNoEndOfDataInsteadOfTheEpoch() throws IOException {
        write("daily/SPY.csv", "Date,Open,High,Low,Close,Adj Close,Volume", "2024-03-07,,2,0.5,1.5,1.4,10");
        CsvMarket market = new CsvMarket(dir, Set.of());
        BadMarketDataException e = assertThrows(BadMarketDataException.class, market::lastAvailable);
        assertTrue(e.getMessage().contains("has no usable bars: 0 of 1 file(s) skipped; no row of the other files is usable"), e.getMessage());
    }

    @Test
    void aMissingFolderIsBadMarketData() {
        assertThrows(BadMarketDataException.class, () -> new CsvMarket(dir.resolve("nope"), Set.of()));
    }

    @Test
    void readFailuresAreDescribed() {
        // As root (CI containers) a chmod 000 file stays readable, so the permission case is checked on the exception.
        Path f = Path.of("data/x.csv.gz");
        assertEquals("cannot read: permission denied", ReadFailure.describe(f, new AccessDeniedException(f.toString())));
        assertEquals("cannot read: corrupt gzip (invalid block type)", ReadFailure.describe(f, new ZipException("invalid block type")));
        assertEquals("cannot read: unexpected end of file (EOF)", ReadFailure.describe(Path.of("x.csv"), new EOFException("EOF")));
    }

    private static String problem(CsvMarket market, Path file) {
        return market.problems().stream().filter(p -> p.file().equals(file)).map(LoadProblem::toString).findFirst()
                .orElse("no problem for " + file + " in " + market.problems());
    }

    private Path write(String relative, String... lines) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p;
    }

    private static byte[] gzip(String[] lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
