package autotrader.market.csv;

import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Not a pass/fail test: prints load timings on the real shared/data folder (run with -Pslow). */
@Tag("slow")
class CsvMarketTimingTest {

    @Test
    void printLoadTimings() {
        Path shared = Path.of(System.getProperty("autotrader.shared", "../shared")).resolve("data");
        assumeTrue(Files.isDirectory(shared), "../shared/data not present");
        long t0 = System.nanoTime();
        CsvMarket market = new CsvMarket(shared, Set.of("SPY", "QQQ"));
        long t1 = System.nanoTime();
        Instant asOf = MarketCalendar.nyse().closeInstant(LocalDate.of(2026, 3, 6));
        market.bars("NVDA", Timeframe.M30, asOf, 100);
        long t2 = System.nanoTime();
        for (Timeframe tf : Timeframe.values()) market.bars("NVDA", tf, asOf, 100);
        long t3 = System.nanoTime();
        int n = 0;
        for (String s : market.universe()) n += market.bars(s, Timeframe.D1, asOf, 30).size();
        long t4 = System.nanoTime();
        Instant last = market.lastAvailable();
        long t5 = System.nanoTime();
        System.out.printf("csv: index %.0f ms; NVDA first intraday read (1m+5m files) %.0f ms; all 6 tf x 100 bars %.1f ms; "
                        + "30 daily bars for %d universe symbols (%d bars, intraday files for those with them) %.0f ms; lastAvailable %s in %.0f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, market.universe().size(), n, (t4 - t3) / 1e6, last, (t5 - t4) / 1e6);
    }
}
