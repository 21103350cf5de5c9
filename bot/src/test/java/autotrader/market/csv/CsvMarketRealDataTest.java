package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real files in shared/data (see its README); skipped where that folder is not checked out. */
class CsvMarketRealDataTest {

    private static final MarketCalendar NYSE = MarketCalendar.nyse();
    private static final Path SHARED = Path.of(System.getProperty("autotrader.shared", "../shared")).resolve("data").toAbsolutePath();
    private static CsvMarket market;

    @BeforeAll
    static void load() {
        if (Files.isDirectory(SHARED)) market = new CsvMarket(SHARED, Set.of("SPY", "QQQ"));
    }

    @Test
    void dailyFiles() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping real-data test");
        Bar aapl = market.bars("AAPL", Timeframe.D1, close("2013-02-08"), 5).get(0);
        assertEquals(67.8542, aapl.close(), 1e-9);
        assertEquals(NYSE.openInstant(LocalDate.of(2013, 2, 8)), aapl.start());
        assertEquals(1, market.bars("AAPL", Timeframe.D1, close("2013-02-08"), 5).size(), "history starts 2013-02-08");

        List<Bar> spy = market.bars("SPY", Timeframe.D1, close("2018-02-07"), 250);
        assertEquals(250, spy.size());
        assertTrue(spy.stream().allMatch(Bar::isValid));
        assertTrue(market.has("SPY") && market.has("QQQ"));
        assertFalse(market.universe().contains("SPY") || market.universe().contains("QQQ"));
        assertTrue(market.universe().size() > 550, "505 stocks + ETFs + intraday-only symbols: " + market.universe().size());
    }

    @Test
    void theElevenKnownGapRowsAreReported() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping real-data test");
        List<LoadProblem> inFile = market.problems().stream()
                .filter(p -> p.file().getFileName().toString().equals("sp500_all_stocks_5yr.csv.gz"))
                .toList();
        // README section 1 "Gaps": 11 rows with an empty open (some also without high/low).
        Set<String> gaps = inFile.stream().filter(p -> p.reason().contains("empty open"))
                .map(p -> p.reason().substring(0, p.reason().indexOf(':'))).collect(Collectors.toSet());
        assertEquals(Set.of("BHF 2017-07-26", "DHR 2015-07-17", "DHR 2016-01-12", "ES 2015-07-17", "FTV 2016-07-01",
                "O 2015-07-17", "O 2016-01-12", "REGN 2015-06-09", "UA 2016-04-07", "VRTX 2015-05-12", "WRK 2015-06-26"), gaps);
        // Not in the README: 12 more rows whose prices contradict each other (e.g. AOS 2014-05-19
        // has high 23.595 < low 23.85, BBY 2016-03-14 closes at 32.72 below its low 33.08).
        List<LoadProblem> inconsistent = inFile.stream().filter(p -> !p.reason().contains("empty open")).toList();
        assertEquals(12, inconsistent.size(), inconsistent.toString());
        assertTrue(inconsistent.stream().allMatch(p -> p.reason().contains("high-low range") || p.reason().contains("< low")));
        assertTrue(inFile.stream().anyMatch(p -> p.line() == 53004 && p.reason().startsWith("AOS 2014-05-19: high 23.595 < low 23.85")));
        // The rows around a gap still load: DHR has 2015-07-16 and 2015-07-20 but not 07-17.
        List<Bar> dhr = market.bars("DHR", Timeframe.D1, close("2015-07-20"), 2);
        assertEquals(List.of(LocalDate.of(2015, 7, 16), LocalDate.of(2015, 7, 20)), dhr.stream().map(b -> NYSE.dateAt(b.start())).toList());
    }

    @Test
    void nvdaMinutesAggregateToItsDailyBar() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping real-data test");
        Instant close = close("2026-02-10");
        List<Bar> minutes = market.bars("NVDA", Timeframe.M1, close, 390);
        assertTrue(minutes.size() > 380, "NVDA 1m bars on 2026-02-10: " + minutes.size());
        assertEquals(NYSE.openInstant(LocalDate.of(2026, 2, 10)), minutes.get(0).start());
        Bar daily = market.bars("NVDA", Timeframe.D1, close, 1).get(0);
        assertEquals(new BarAggregator(NYSE).aggregate(minutes, Timeframe.D1, close), List.of(daily));
        assertEquals(close, daily.end());
        // 30m and 6h come from the same minutes.
        assertEquals(13, market.bars("NVDA", Timeframe.M30, close, 13).stream().filter(b -> !b.start().isBefore(minutes.get(0).start())).count());
        assertEquals(daily.high(), market.bars("NVDA", Timeframe.H6, close, 2).stream().mapToDouble(Bar::high).max().orElseThrow());
    }

    @Test
    void fiveMinuteOnlySymbols() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping real-data test");
        Instant close = close("2025-06-02");
        for (String symbol : List.of("AAPL", "PLTR")) {
            assertEquals(List.of(), market.bars(symbol, Timeframe.M1, close, 10), symbol + " has no 1m file");
            List<Bar> five = market.bars(symbol, Timeframe.M5, close, 78);
            assertEquals(78, five.size(), symbol);
            assertEquals(NYSE.openInstant(LocalDate.of(2025, 6, 2)), five.get(0).start());
            assertEquals(13, market.bars(symbol, Timeframe.M30, close, 13).stream().filter(b -> !b.start().isBefore(five.get(0).start())).count());
            Bar daily = market.bars(symbol, Timeframe.D1, close, 1).get(0);
            assertEquals(new BarAggregator(NYSE).aggregate(five, Timeframe.D1, close), List.of(daily), symbol);
        }
        assertTrue(market.sessionSoFar("PLTR", close.minusSeconds(3 * 3600)).isPresent());
    }

    @Test
    void theDailySeriesIsNotReadAcrossTheYearsBetweenTheDailyFileAndTheIntradayFiles() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping real-data test");
        List<Bar> daily = market.bars("AAPL", Timeframe.D1, close("2025-06-02"), 100);
        assertTrue(!daily.isEmpty() && daily.size() < 30, "a few weeks of 2025 sessions only: " + daily.size());
        assertTrue(NYSE.dateAt(daily.get(0).start()).getYear() == 2025, "no 2018 bar in the series: " + daily.get(0));
        assertTrue(market.gaps().stream().anyMatch(g -> g.startsWith("AAPL 1d: no bars for") && g.contains("2018-02-07")), market.gaps().toString());
        assertEquals(100, market.bars("AAPL", Timeframe.D1, close("2018-02-07"), 100).size(), "the 2013-2018 file is whole");
    }

    private static Instant close(String date) {
        return NYSE.closeInstant(LocalDate.parse(date));
    }
}
