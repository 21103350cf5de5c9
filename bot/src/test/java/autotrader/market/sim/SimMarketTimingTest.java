package autotrader.market.sim;

import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * Not a pass/fail test: prints how long the scanner-shaped reads take (run with -Pslow or
 * -Dgroups=slow). Numbers go into the design notes, not into assertions, because a 2-core CI box
 * is too noisy for timed asserts.
 */
@Tag("slow")
class SimMarketTimingTest {

    @Test
    void printScannerAndChartTimings() {
        Instant asOf = ZonedDateTime.of(LocalDate.of(2026, 11, 20), LocalTime.of(11, 17), MarketCalendar.NEW_YORK).toInstant();
        for (int round = 0; round < 2; round++) {
            SimMarket sim = new SimMarket(SimSettings.withSeed(42 + round));
            long t0 = System.nanoTime();
            long bars = 0;
            for (String s : sim.universe()) {
                bars += sim.bars(s, Timeframe.D1, asOf, 30).size();
                bars += sim.sessionSoFar(s, asOf).isPresent() ? 1 : 0;
            }
            bars += sim.bars("SPY", Timeframe.D1, asOf, 30).size() + sim.bars("QQQ", Timeframe.D1, asOf, 30).size();
            long t1 = System.nanoTime();
            for (String s : sim.universe()) {
                sim.bars(s, Timeframe.D1, asOf, 30);
                sim.sessionSoFar(s, asOf);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                for (Timeframe tf : Timeframe.values()) bars += sim.bars(sim.universe().get(i), tf, asOf, 100).size();
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                for (Timeframe tf : Timeframe.values()) sim.bars(sim.universe().get(i), tf, asOf, 100);
            }
            long t4 = System.nanoTime();
            Runtime rt = Runtime.getRuntime();
            System.gc();   // so the heap figure is what the market retains, not garbage
            System.out.printf("round %d: scanner first load %.0f ms, repeat %.0f ms; 50 symbols x 6 tf x 100 bars first %.0f ms, repeat %.0f ms; bars %d; heap retained after GC %d MB (whole JVM)%n",
                    round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, bars,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }
}
