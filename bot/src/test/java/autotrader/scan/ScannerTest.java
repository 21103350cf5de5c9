package autotrader.scan;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.testing.InMemoryMarket;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ScannerTest {

    private static final MarketCalendar CAL = MarketCalendar.nyse();
    private static final LocalDate DAY = LocalDate.of(2024, 6, 12);

    @Test
    void rsiMatchesTa4j() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] closes = new double[40];
        double p = 100;
        for (int i = 0; i < closes.length; i++) closes[i] = p *= Math.exp(0.02 * rnd.nextGaussian());
        double last = closes[39] * 1.03;

        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        ZonedDateTime t = ZonedDateTime.of(2024, 1, 2, 16, 0, 0, 0, MarketCalendar.NEW_YORK);
        for (int i = 0; i <= closes.length; i++) {
            double c = i < closes.length ? closes[i] : last;
            series.addBar(Duration.ofDays(1), t.plusDays(i), c, c, c, c, 1);
        }
        double expected = new RSIIndicator(new ClosePriceIndicator(series), 14).getValue(series.getEndIndex()).doubleValue();
        assertEquals(expected, Rsi.last(closes, last, 14), 1e-9);
    }

    @Test
    void plantedMomentumBurstRanksFirst() {
        InMemoryMarket market = new InMemoryMarket();
        Instant asOf = ZonedDateTime.of(DAY, LocalTime.of(11, 0), MarketCalendar.NEW_YORK).toInstant();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            String sym = String.format("T%03d", i);
            List<Bar> daily = InMemoryMarket.randomWalk(i, CAL.previousTradingDay(DAY), 40, 20 + i, 2_000_000);
            market.putDaily(sym, daily);
            double prev = daily.get(daily.size() - 1).close();
            double last = prev * (1 + 0.01 * rnd.nextGaussian());
            double vol = 2_000_000 * 0.23 * (0.7 + 0.6 * rnd.nextDouble());
            if (sym.equals("T137")) {         // the planted burst: +6% on 4x the usual volume
                last = prev * 1.06;
                vol = 2_000_000 * 0.23 * 4;
            }
            market.putToday(sym, new Bar(CAL.openInstant(DAY), asOf, prev, Math.max(prev, last) * 1.001,
                    Math.min(prev, last) * 0.999, last, vol));
        }
        ScanService service = new ScanService(market, new Strategy(), CAL, Clock.systemUTC());
        ScanResult r = service.scan(asOf);

        assertEquals(200, r.scanned());
        assertEquals(50, r.candidates().size());
        Candidate first = r.candidates().get(0);
        assertEquals("T137", first.symbol());
        assertEquals(6.0, first.momentum().percentChange(), 1e-9);
        assertEquals(4.0 * 0.23 / (90.0 / 390), first.momentum().rvol(), 0.35, "rvol projects 90 minutes' volume over the session");
        for (int i = 1; i < r.candidates().size(); i++) {
            assertTrue(r.candidates().get(i - 1).momentum().score() >= r.candidates().get(i).momentum().score());
            assertEquals(i + 1, r.candidates().get(i).rank());
        }
    }

    @Test
    void afterTheCloseTodayIsTheLastCompletedSession() {
        InMemoryMarket market = new InMemoryMarket();
        List<Bar> daily = InMemoryMarket.randomWalk(3, DAY, 40, 50, 1_000_000);
        market.putDaily("AAA", daily);
        Instant evening = ZonedDateTime.of(DAY, LocalTime.of(18, 0), MarketCalendar.NEW_YORK).toInstant();
        ScanInputLoader.Loaded loaded = new ScanInputLoader(market, CAL).load(List.of("AAA"), evening, 26);
        ScanInput in = loaded.inputs().get(0);
        assertEquals(daily.get(39).close(), in.lastPrice());
        assertEquals(daily.get(38).close(), in.closes()[in.closes().length - 1]);
        assertEquals(1.0, in.sessionFraction());
        assertEquals(26, in.closes().length);
    }

    @Test
    void brokenOrMissingSymbolsAreSkippedWithAReason() {
        InMemoryMarket market = new InMemoryMarket();
        market.putDaily("GOOD", InMemoryMarket.randomWalk(1, DAY, 40, 50, 1_000_000));
        List<Bar> bad = new ArrayList<>(InMemoryMarket.randomWalk(2, DAY, 40, 50, 1_000_000));
        Bar b = bad.get(35);
        bad.set(35, new Bar(b.start(), b.end(), b.open(), b.low() * 0.5, b.low(), b.close(), b.volume())); // high < low
        market.putDaily("BROKEN", bad);
        market.putDaily("OLD", InMemoryMarket.randomWalk(3, LocalDate.of(2024, 5, 1), 40, 50, 1_000_000));
        market.putDaily("EMPTY", List.of());
        Instant evening = CAL.closeInstant(DAY).plusSeconds(3600);
        ScanResult r = new ScanService(market, new Strategy(), CAL, Clock.systemUTC()).scan(evening);
        assertEquals(1, r.scanned());
        assertEquals(3, r.skipped().size());
        assertTrue(r.skipped().stream().anyMatch(s -> s.symbol().equals("BROKEN") && s.reason().contains("high")));
        assertTrue(r.skipped().stream().anyMatch(s -> s.symbol().equals("OLD") && s.reason().startsWith("stale")));
        assertTrue(r.skipped().stream().anyMatch(s -> s.symbol().equals("EMPTY") && s.reason().contains("no daily bars")));
    }

    @Test
    void illiquidAndPennyStocksAreFilteredOut() {
        Scanner scanner = new Scanner(new ScannerSettings());
        double[] closes = new double[30], volumes = new double[30];
        Arrays.fill(closes, 3.0);
        Arrays.fill(volumes, 10_000_000);
        assertNull(scanner.score(new ScanInput("PENNY", closes, volumes, 3.3, 1e7, 1)));
        Arrays.fill(closes, 50.0);
        Arrays.fill(volumes, 1_000);
        assertNull(scanner.score(new ScanInput("THIN", closes, volumes, 53, 1e4, 1)));
        Arrays.fill(volumes, 1_000_000);
        assertNotNull(scanner.score(new ScanInput("OK", closes, volumes, 53, 1e6, 1)));
    }

    @Test
    void trendStrengthIsPositiveForASteadyClimbAndNearZeroForNoise() {
        Scanner scanner = new Scanner(new ScannerSettings());
        double[] up = new double[30];
        for (int i = 0; i < up.length; i++) up[i] = 100 * Math.pow(1.01, i) * (1 + 0.002 * (i % 2 == 0 ? 1 : -1));
        assertTrue(scanner.trendStrength(up, up[29] * 1.01) > 0.8);
        double[] down = new double[30];
        for (int i = 0; i < down.length; i++) down[i] = 100 * Math.pow(0.99, i) * (1 + 0.002 * (i % 2 == 0 ? 1 : -1));
        assertTrue(scanner.trendStrength(down, down[29] * 0.99) < -0.8);
        double[] flat = new double[30];
        for (int i = 0; i < flat.length; i++) flat[i] = 100 * (1 + 0.02 * (i % 2 == 0 ? 1 : -1));
        assertEquals(0, scanner.trendStrength(flat, 100), 0.3);
    }
}
