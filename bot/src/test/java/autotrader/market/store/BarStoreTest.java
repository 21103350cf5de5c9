package autotrader.market.store;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class BarStoreTest {

    static final MarketCalendar NYSE = MarketCalendar.nyse();

    @TempDir
    Path dir;

    final Logger log = (Logger) LoggerFactory.getLogger(BarStore.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    /** Minute bars from the open of 2025-03-03, prices stepping by a cent. */
    static List<Bar> minutes(int from, int n, double base) {
        Instant open = NYSE.openInstant(LocalDate.of(2025, 3, 3));
        List<Bar> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            Instant s = open.plusSeconds(60L * i);
            double p = base + i * 0.01;
            out.add(new Bar(s, s.plusSeconds(60), p, p + 0.05, p - 0.05, p + 0.02, 1000 + i));
        }
        return out;
    }

    @Test
    void barsComeBackAsWrittenInTheHiveLayoutWithTheirSource() {
        List<Bar> bars = minutes(0, 50, 10);
        try (BarStore s = new BarStore(dir)) {
            assertEquals(50, s.write("aapl", Timeframe.M1, bars, "csv"));
            assertEquals(bars, s.read("AAPL", Timeframe.M1));
            assertTrue(Files.isRegularFile(dir.resolve("timeframe=1m/symbol=AAPL/bars.parquet")));
            assertEquals(Set.of("AAPL"), s.symbols(Timeframe.M1));
            assertEquals(List.of(Timeframe.M1), s.timeframes());
            var c = s.coverage("AAPL", Timeframe.M1).orElseThrow();
            assertEquals(50, c.bars());
            assertEquals(bars.get(0).start(), c.first());
            assertEquals(bars.get(49).end(), c.last());
            assertEquals("csv", c.sources());
            assertTrue(s.read("MSFT", Timeframe.M1).isEmpty());
        }
        byte[] head = Arrays.copyOf(readAll(dir.resolve("timeframe=1m/symbol=AAPL/bars.parquet")), 4);
        assertArrayEquals("PAR1".getBytes(), head, "a Parquet file");
    }

    @Test
    void readsOnSeveralThreadsAtOnceWhileOneWritesSeeWholeFiles() throws Exception {
        List<String> symbols = List.of("AAA", "BBB", "CCC", "DDD", "EEE", "FFF");
        try (BarStore s = new BarStore(dir)) {
            for (int k = 0; k < symbols.size(); k++) s.write(symbols.get(k), Timeframe.M1, minutes(0, 200, 10 + k), "csv");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<String>> reads = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                    for (int k = 0; k < symbols.size(); k++) {
                        int sym = k;
                        reads.add(pool.submit(() -> {
                            List<Bar> back = s.read(symbols.get(sym), Timeframe.M1);
                            // the file a write replaces is read whole before or after it: 200 or 250 bars, never a mix
                            if (back.size() == 200 && back.equals(minutes(0, 200, 10 + sym))) return "old";
                            if (back.size() == 250 && back.subList(0, 200).equals(minutes(0, 200, 10 + sym))) return "new";
                            return symbols.get(sym) + ": " + back.size() + " bars, not as written";
                        }));
                    }
                    if (round == 10) s.write("CCC", Timeframe.M1, minutes(200, 50, 12), "schwab");
                }
                for (var r : reads) assertTrue(Set.of("old", "new").contains(r.get()), r.get());
            } finally {
                pool.shutdown();
            }
            assertEquals(250, s.read("CCC", Timeframe.M1).size());
        }
        // closed: the reading connections too
        BarStore closed = new BarStore(dir);
        closed.read("AAA", Timeframe.M1);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.read("AAA", Timeframe.M1));
    }

    @Test
    void allSeriesInOneQueryAreThoseReadOneByOneAndATornFileMakesItStepAside() throws IOException {
        try (BarStore s = new BarStore(dir)) {
            assertTrue(s.readAllColumns(Timeframe.M1).isEmpty(), "nothing stored");
            // "1" and "007" are folder names that a type-guessing reader would turn into numbers
            List<String> symbols = List.of("AAPL", "BRK.B", "1", "007");
            for (int k = 0; k < symbols.size(); k++) s.write(symbols.get(k), Timeframe.M1, minutes(k, 40 + k, 10 + k), "csv");
            var all = s.readAllColumns(Timeframe.M1);
            assertEquals(Set.copyOf(symbols), all.keySet());
            for (String sym : symbols) assertEquals(s.read(sym, Timeframe.M1), all.get(sym).toBars(), sym);
            Path f = dir.resolve("timeframe=1m/symbol=AAPL/bars.parquet");
            byte[] whole = Files.readAllBytes(f);
            Files.write(f, Arrays.copyOf(whole, whole.length / 2));
            assertNull(s.readAllColumns(Timeframe.M1), "one query fails on the torn file: the caller reads file by file");
            assertTrue(s.read("AAPL", Timeframe.M1).isEmpty());
            assertEquals(minutes(1, 41, 11), s.read("BRK.B", Timeframe.M1));
        }
    }

    @Test
    void aBarIsStoredOnceAndTheFirstRecordingWins() {
        try (BarStore s = new BarStore(dir)) {
            assertEquals(30, s.write("AAPL", Timeframe.M1, minutes(0, 30, 10), "csv"));
            // 20..49: 20..29 are stored already (with other prices, from another source): only 30..49 are new.
            assertEquals(20, s.write("AAPL", Timeframe.M1, minutes(20, 30, 99), "schwab"));
            assertEquals(0, s.write("AAPL", Timeframe.M1, minutes(0, 50, 50), "schwab"), "everything stored: nothing added");
            List<Bar> back = s.read("AAPL", Timeframe.M1);
            assertEquals(50, back.size());
            assertEquals(minutes(0, 30, 10), back.subList(0, 30), "the first recording of 20..29 kept");
            assertEquals(minutes(30, 20, 99), back.subList(30, 50));
            assertEquals("csv,schwab", s.coverage("AAPL", Timeframe.M1).orElseThrow().sources());
        }
    }

    @Test
    void anInvalidBarIsNeverStored() {
        List<Bar> bars = new ArrayList<>(minutes(0, 3, 10));
        Instant t = bars.get(2).end();
        bars.add(new Bar(t, t.plusSeconds(60), 10, 9, 11, 10, 5));   // high < low
        try (BarStore s = new BarStore(dir)) {
            assertEquals(3, s.write("AAPL", Timeframe.M1, bars, "schwab"));
            assertEquals(3, s.read("AAPL", Timeframe.M1).size());
        }
    }

    @Test
    void aTornFileIsNamedInTheLogNeverReadAsBarsAndRefilledByTheNextWrite() throws IOException {
        try (BarStore s = new BarStore(dir)) {
            s.write("AAPL", Timeframe.M1, minutes(0, 40, 10), "csv");
            Path f = s.file("AAPL", Timeframe.M1);
            byte[] whole = readAll(f);
            Files.write(f, Arrays.copyOf(whole, whole.length / 2));   // as if a copy was killed half way
            assertTrue(s.read("AAPL", Timeframe.M1).isEmpty());
            assertTrue(s.coverage("AAPL", Timeframe.M1).isEmpty());
            String warned = logged.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(f.toString())).findFirst()
                    .orElseThrow(() -> new AssertionError("no warning names " + f + ": " + logged.list));
            assertTrue(warned.contains("not a readable Parquet file"), warned);
            assertTrue(s.symbols(Timeframe.M1).isEmpty(), "moved aside, so the symbol is not offered");
            assertEquals(40, s.write("AAPL", Timeframe.M1, minutes(0, 40, 10), "schwab"), "a fetch fills it again");
            assertEquals(minutes(0, 40, 10), s.read("AAPL", Timeframe.M1));
        }
    }

    @Test
    void aTemporaryFileLeftByAKilledWriteIsNeverReadAndIsRemovedByTheNextWrite() throws IOException {
        try (BarStore s = new BarStore(dir)) {
            s.write("AAPL", Timeframe.M1, minutes(0, 10, 10), "csv");
            Path f = s.file("AAPL", Timeframe.M1);
            Path leftover = f.resolveSibling(".bars.parquet.tmp-1-2");
            Files.write(leftover, Arrays.copyOf(readAll(f), 100));
            assertEquals(10, s.read("AAPL", Timeframe.M1).size());
            s.write("AAPL", Timeframe.M1, minutes(10, 5, 10), "csv");
            assertFalse(Files.exists(leftover));
            assertEquals(15, s.read("AAPL", Timeframe.M1).size());
        }
    }

    @Test
    void aNameThatIsNotATickerIsRefused() {
        try (BarStore s = new BarStore(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.write("../x", Timeframe.M1, minutes(0, 1, 1), "csv"));
            assertTrue(e.getMessage().contains("'../x'"), e.getMessage());
        }
    }

    static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
