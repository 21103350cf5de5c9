package autotrader.market.store;

import autotrader.market.BadMarketDataException;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.csv.CsvMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** A small csv folder in all three layouts, imported: the store market serves the very bars the csv market does. */
class StoreMarketTest {

    static final MarketCalendar NYSE = MarketCalendar.nyse();

    @TempDir
    Path dir;

    /** Daily 2025-02-03..03-07 (long file: AAA, BBB; SPY in its own file), 5m for AAA and BBB 03-03..03-07, 1m for AAA 03-06..03-07. */
    static Path fixture(Path dir) throws IOException {
        Path data = dir.resolve("data");
        List<String> daily = new ArrayList<>(List.of("date,open,high,low,close,volume,Name"));
        List<String> spy = new ArrayList<>(List.of("Date,Open,High,Low,Close,Adj Close,Volume"));
        int k = 0;
        for (LocalDate d = LocalDate.of(2025, 2, 3); !d.isAfter(LocalDate.of(2025, 2, 28)); d = NYSE.nextTradingDay(d), k++) {
            daily.add(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%d,AAA", d, 10 + k * 0.1, 10.5 + k * 0.1, 9.8 + k * 0.1, 10.2 + k * 0.1, 1000 + k));
            daily.add(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%d,BBB", d, 50 - k * 0.1, 51 - k * 0.1, 49 - k * 0.1, 50.5 - k * 0.1, 2000 + k));
            spy.add(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%.2f,%d", d, 500.0 + k, 505.0 + k, 495.0 + k, 502.0 + k, 502.0 + k, 90000 + k));
        }
        daily.add("2025-02-28,,11,9,10,5,BBB");   // a bad row (a repeated date, an empty open): skipped by both
        write(data.resolve("daily/all.csv"), daily);
        write(data.resolve("daily/etf/SPY.csv"), spy);
        for (String sym : List.of("AAA", "BBB")) {
            List<String> five = new ArrayList<>(List.of("datetime,open,high,low,close,volume"));
            List<String> one = new ArrayList<>(List.of("datetime,open,high,low,close,volume"));
            double base = sym.equals("AAA") ? 12 : 48;
            for (LocalDate d = LocalDate.of(2025, 3, 3); !d.isAfter(LocalDate.of(2025, 3, 7)); d = NYSE.nextTradingDay(d)) {
                for (int m = 0; m < 390; m++) {
                    LocalDateTime t = d.atTime(9, 30).plusMinutes(m);
                    double p = base + Math.sin(m / 17.0 + d.getDayOfMonth()) * 0.3;
                    if (m % 5 == 0) five.add(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.3f,%d", t.toString().replace('T', ' ') + ":00", p, p + 0.08, p - 0.08, p + 0.01, 500 + m));
                    if (sym.equals("AAA") && d.getDayOfMonth() >= 6) one.add(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.3f,%d", t.toString().replace('T', ' ') + ":00", p, p + 0.03, p - 0.03, p, 100 + m));
                }
            }
            write(data.resolve("intraday/us_5min/" + sym + "_5min.csv"), five);
            if (sym.equals("AAA")) write(data.resolve("intraday/us_1min/AAA_1min.csv"), one);
        }
        return data;
    }

    static void write(Path f, List<String> lines) throws IOException {
        Files.createDirectories(f.getParent());
        Files.write(f, lines);
    }

    @Test
    void theStoreServesTheSameBarsAsTheCsvFolderItWasImportedFrom() throws IOException {
        Path data = fixture(dir);
        CsvMarket csv = new CsvMarket(data, Set.of("SPY"));
        try (BarStore store = new BarStore(dir.resolve("store"))) {
            CsvImport.Summary r = new CsvImport(store).run(data, line -> { });
            assertEquals(3, r.symbols());
            assertEquals(r.barsRead(), r.barsAdded(), "a fresh store: every bar is new");
            assertEquals(1, r.problems().size(), "the repeated BBB 2025-02-28: " + r.problems());
            assertEquals(0, new CsvImport(store).run(data, line -> { }).barsAdded(), "a second import adds nothing");

            StoreMarket m = new StoreMarket(store, Set.of("SPY"));
            assertEquals(csv.universe(), m.universe());
            assertEquals(List.of("AAA", "BBB"), m.universe());
            assertTrue(m.has("SPY"));
            assertEquals(csv.lastAvailable(), m.lastAvailable());
            List<Instant> times = new ArrayList<>();
            for (LocalDate d : List.of(LocalDate.of(2025, 2, 14), LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 6), LocalDate.of(2025, 3, 7))) {
                times.add(NYSE.openInstant(d).plusSeconds(47 * 60));
                times.add(NYSE.closeInstant(d));
            }
            int compared = 0;
            for (String sym : List.of("AAA", "BBB", "SPY")) {
                for (Timeframe tf : Timeframe.values()) {
                    for (Instant t : times) {
                        var expected = csv.bars(sym, tf, t, 400);
                        assertEquals(expected, m.bars(sym, tf, t, 400), sym + " " + tf + " as of " + t);
                        compared += expected.size();
                    }
                }
                for (Instant t : times) assertEquals(csv.sessionSoFar(sym, t), m.sessionSoFar(sym, t), sym + " session so far at " + t);
            }
            assertTrue(compared > 4_000, "the comparison covered bars of every kind: " + compared);
            assertFalse(m.bars("AAA", Timeframe.M1, NYSE.closeInstant(LocalDate.of(2025, 3, 7)), 10).isEmpty());
            assertEquals(m.bars("AAA", Timeframe.M5, NYSE.closeInstant(LocalDate.of(2025, 3, 7)), 2000).size(),
                    5 * 78, "5m: the 1m sessions aggregated, the 5m file for the others");
        }
    }

    @Test
    void anEmptyStoreIsRefusedWithWhatToRun() {
        try (BarStore store = new BarStore(dir.resolve("empty"))) {
            BadMarketDataException e = assertThrows(BadMarketDataException.class, () -> new StoreMarket(store, Set.of()));
            assertTrue(e.getMessage().contains("data import") && e.getMessage().contains(dir.resolve("empty").toString()), e.getMessage());
        }
    }
}
