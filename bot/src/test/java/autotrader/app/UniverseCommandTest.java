package autotrader.app;

import autotrader.schwab.market.FakeMarketData;
import autotrader.schwab.market.SymbolList;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabRig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `universe build` from a nasdaqlisted.txt-style file and the fake Schwab's quotes: each filter counted, the survivors written. */
class UniverseCommandTest {

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeMarketData md;
    Path config;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        md = new FakeMarketData();
        fake.marketData = md;
        config = DataFetchCommandTest.schwabConfig(dir, fake);
        SchwabRig.writeLogin(dir.resolve("state/tokens.json"), fake, Instant.now());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void commonStocksPassingTheStrategysPriceAndDollarVolumeFiltersAreWritten() throws Exception {
        Files.writeString(dir.resolve("nasdaqlisted.txt"), """
                Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares
                AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N
                PENY|Penny Corp - Common Stock|S|N|N|100|N|N
                THIN|Thin Trading Inc - Common Stock|S|N|N|100|N|N
                QQQX|Some Index ETF|G|N|N|100|Y|N
                ABCDW|Abcd Inc - Warrants|G|N|N|100|N|N
                TEST|Test Issue Inc - Common Stock|G|Y|N|100|N|N
                DEFI|Deficient Inc - Common Stock|S|N|D|100|N|N
                GONE|Gone Inc - Common Stock|S|N|N|100|N|N
                HALT|Halted Inc - Common Stock|S|N|N|100|N|N
                File Creation Time: 0731202621:31|||||||
                """);
        Instant now = Instant.now();
        md.addQuote("AAPL", 150, 152, 149, 151, 40_000_000, now, "Normal");
        md.addQuote("PENY", 2, 2.1, 1.9, 2.05, 9_000_000, now, "Normal");
        md.addQuote("THIN", 10, 10.5, 9.5, 10.2, 1_000, now, "Normal");
        ((ObjectNode) md.quotes.get("THIN").get("fundamental")).put("avg10DaysVolume", 20_000.0);   // $204k a day
        md.addQuote("HALT", 50, 51, 49, 50, 100_000, now, "Halted");
        Path out = dir.resolve("universe.txt");
        MainTest.Run r = MainTest.run("universe", "build", "--config", config.toString(), "--listed", dir.resolve("nasdaqlisted.txt").toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> counts = r.out().lines().map(String::trim).toList();
        assertTrue(counts.contains("9  listed"), r.out());
        assertTrue(counts.contains("6  common stock (no ETF, test issue, warrant, right, unit, preferred, note)"), r.out());
        assertTrue(counts.contains("5  not deficient, delinquent or bankrupt"), r.out());
        assertTrue(counts.contains("3  quoted by Schwab, status Normal"), r.out());
        assertTrue(counts.contains("2  last price >= $5.00 (min_price)"), r.out());
        assertTrue(counts.contains("1  last price x 10-day average volume >= $5,000,000 (min_avg_dollar_volume)"), r.out());
        assertTrue(r.out().contains("wrote 1 symbols to " + out + " (strategy momentum)"), r.out());
        assertEquals(List.of("AAPL"), SymbolList.read(out), "the Schwab source reads the file back");
    }

    @Test
    void aMissingListedFileIsRefusedByName() {
        MainTest.Run r = MainTest.run("universe", "build", "--config", config.toString(), "--listed", dir.resolve("none.txt").toString(),
                "--out", dir.resolve("u.txt").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--listed: file " + dir.resolve("none.txt")), r.err());
    }
}
