package autotrader.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import autotrader.features.ta4jref.Ta4jReferenceEngine;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.csv.CsvMarket;
import autotrader.scan.Momentum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine computes its indicators on primitive arrays; it must give exactly what the ta4j 0.17
 * indicators gave (the engine of commit e4adedf, frozen in {@code ta4jref}): every bit of every value
 * of every row, NaN where that gave NaN. Models trained on the old rows keep their meaning only then.
 * Checked on random walks, on degenerate bars (flat, zero volume, unchanged closes, runs in one
 * direction) and, where ../shared/data is present, on real 1m, 5m, 1h and daily bars.
 */
class FeaturesMatchTa4jTest {

    private static final Momentum MOMENTUM = new Momentum("ABC", 72, 61.5, 2.4, 3.2, 0.55, "up");
    private static final Path SHARED = Path.of(System.getProperty("autotrader.shared", "../shared")).resolve("data").toAbsolutePath();

    @Test
    void randomWalksOnEveryTimeframe() {
        long seed = 1;
        for (Timeframe tf : Timeframe.values()) {
            for (int k = 0; k < 3; k++) assertSameRows("walk " + tf + " #" + k, tf, SyntheticBars.randomWalk(seed++, 230, tf, 20 + 40 * k));
        }
    }

    @Test
    void degenerateBars() {
        SplittableRandom random = new SplittableRandom(5);
        List<Bar> walk = SyntheticBars.randomWalk(11, 260, Timeframe.M5, 30);
        List<Bar> bars = new ArrayList<>();
        double lastClose = walk.get(0).close();
        for (int i = 0; i < walk.size(); i++) {
            Bar b = walk.get(i);
            int regime = (i / 23) % 6; // runs long enough to fill 14- and 20-bar windows with the same oddity
            Bar bar = switch (regime) {
                case 0 -> b;
                case 1 -> new Bar(b.start(), b.end(), lastClose, lastClose, lastClose, lastClose, b.volume()); // flat, unchanged
                case 2 -> new Bar(b.start(), b.end(), b.open(), b.high(), b.low(), b.close(), 0); // no volume
                case 3 -> { double c = lastClose * 1.001; yield new Bar(b.start(), b.end(), lastClose, c, lastClose, c, b.volume()); } // up only, close at the high
                case 4 -> { double c = lastClose * 0.999; yield new Bar(b.start(), b.end(), lastClose, lastClose, c, c, random.nextInt(3)); } // down, tiny volume
                default -> { double p = Math.rint(b.close() * 20) / 20; yield new Bar(b.start(), b.end(), p, p + 0.05, p, p, b.volume()); } // on a tick grid
            };
            bars.add(bar);
            lastClose = bar.close();
        }
        assertSameRows("degenerate bars", Timeframe.M5, bars);
        assertSameRows("degenerate bars, daily", Timeframe.D1, bars);
    }

    @Test
    void realBars() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping the real-bar comparison");
        CsvMarket market = new CsvMarket(SHARED, Set.of("SPY", "QQQ"));
        Instant intraday = MarketCalendar.nyse().closeInstant(LocalDate.of(2026, 2, 10));
        for (String symbol : List.of("NVDA", "COIN", "SPY")) {
            for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M5, Timeframe.H1, Timeframe.H6))
                assertSameRows(symbol + " " + tf, tf, market.bars(symbol, tf, intraday, 300));
        }
        Instant daily = MarketCalendar.nyse().closeInstant(LocalDate.of(2017, 6, 30));
        for (String symbol : List.of("AAPL", "XOM", "AMD", "F"))
            assertSameRows(symbol + " 1d", Timeframe.D1, market.bars(symbol, Timeframe.D1, daily, 300));
    }

    private static void assertSameRows(String what, Timeframe tf, List<Bar> bars) {
        assertEquals(Ta4jReferenceEngine.featureNames(), FeatureEngine.featureNames(), "same columns in the same order");
        if (bars.size() < 120) fail(what + ": only " + bars.size() + " bars");
        double[][] expected = new Ta4jReferenceEngine("ABC", tf).rows(bars, 0, MOMENTUM);
        double[][] actual = new FeatureEngine("ABC", tf).rows(bars, 0, MOMENTUM);
        List<String> names = FeatureEngine.featureNames();
        int mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int t = 0; t < expected.length; t++) {
            for (int k = 0; k < names.size(); k++) {
                if (Double.doubleToLongBits(expected[t][k]) != Double.doubleToLongBits(actual[t][k])) {
                    if (mismatches++ < 10)
                        report.append(String.format("%n  row %d %s: ta4j %s, engine %s", t, names.get(k), expected[t][k], actual[t][k]));
                }
            }
        }
        if (mismatches > 0) fail(what + ": " + mismatches + " values differ from ta4j's" + report);
    }
}
