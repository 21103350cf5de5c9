package autotrader.market.sim;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimMarketTest {

    private static final MarketCalendar NYSE = MarketCalendar.nyse();
    private static final LocalDate START = LocalDate.of(2024, 1, 2);

    @Test
    void labelledAsSimulatedWithMadeUpTickers() {
        SimMarket sim = new SimMarket(SimSettings.withSeed(42));
        assertTrue(sim.simulated());
        assertTrue(sim.name().contains("SIMULATED") && sim.name().contains("42"), sim.name());
        assertEquals(1453, sim.universe().size());
        assertEquals("SIM0001", sim.universe().get(0));
        assertEquals("SIM1453", sim.universe().get(1452));
        assertTrue(sim.has("SPY") && sim.has("QQQ") && sim.has("SIM0007"));
        assertFalse(sim.universe().contains("SPY") || sim.universe().contains("QQQ"));
        assertFalse(sim.has("AAPL"));
        assertTrue(sim.bars("AAPL", Timeframe.D1, at("2024-03-01", "16:00"), 5).isEmpty());
    }

    @Test
    void sameSeedSameBarsWhateverTheOrderOfCalls() {
        SimMarket a = new SimMarket(new SimSettings(7, 20, START));
        SimMarket b = new SimMarket(new SimSettings(7, 20, START));
        Instant late = at("2024-05-15", "16:00");
        Instant mid = at("2024-03-14", "11:17");
        // a: intraday first, early dates first; b: a later asOf first, daily first, symbols reversed.
        a.bars("SIM0005", Timeframe.M1, mid, 50);
        a.bars("SIM0005", Timeframe.D1, mid, 30);
        for (int i = 20; i >= 1; i--) b.bars(String.format("SIM%04d", i), Timeframe.D1, late, 100);
        b.bars("QQQ", Timeframe.H6, late, 100);
        for (String s : List.of("SIM0005", "SIM0013", "SPY", "QQQ")) {
            for (Timeframe tf : Timeframe.values()) {
                assertEquals(a.bars(s, tf, mid, 60), b.bars(s, tf, mid, 60), s + " " + tf);
            }
            assertEquals(a.sessionSoFar(s, mid), b.sessionSoFar(s, mid));
        }
        // A different universe size does not change a given ticker either.
        SimMarket c = new SimMarket(new SimSettings(7, 3, START));
        assertEquals(a.bars("SIM0002", Timeframe.M5, mid, 40), c.bars("SIM0002", Timeframe.M5, mid, 40));
        assertEquals(a.bars("SPY", Timeframe.M5, mid, 40), c.bars("SPY", Timeframe.M5, mid, 40));
    }

    @Test
    void aPreparedScanReadsTheSameBarsAsAnUnpreparedOne() {
        SimMarket prepared = new SimMarket(new SimSettings(7, 30, START));
        SimMarket plain = new SimMarket(new SimSettings(7, 30, START));
        Instant during = at("2024-04-10", "11:35");
        Instant after = at("2024-04-12", "17:00");
        List<String> symbols = new ArrayList<>(prepared.universe());
        symbols.addAll(List.of("SPY", "QQQ", "NOPE"));   // benchmarks and an unknown symbol are fine too
        for (Instant t : List.of(during, after)) {
            prepared.prepareScan(symbols, t, 27);
            for (String s : symbols) {
                assertEquals(plain.bars(s, Timeframe.D1, t, 27), prepared.bars(s, Timeframe.D1, t, 27), s + " at " + t);
                assertEquals(plain.sessionSoFar(s, t), prepared.sessionSoFar(s, t), s + " at " + t);
            }
        }
        // before the first session: nothing to make, nothing fails
        prepared.prepareScan(symbols, at("2023-12-29", "12:00"), 27);
        assertTrue(prepared.bars("SIM0001", Timeframe.D1, at("2023-12-29", "12:00"), 27).isEmpty());
    }

    @Test
    void differentSeedDifferentBars() {
        Instant asOf = at("2024-02-01", "16:00");
        List<Bar> one = new SimMarket(new SimSettings(1, 3, START)).bars("SIM0001", Timeframe.D1, asOf, 10);
        List<Bar> two = new SimMarket(new SimSettings(2, 3, START)).bars("SIM0001", Timeframe.D1, asOf, 10);
        assertEquals(10, one.size());
        assertNotEquals(one, two);
        assertNotEquals(one.get(9).close(), two.get(9).close());
    }

    @Test
    void barsAreValidCentPricedAndInOrder() {
        SimMarket sim = new SimMarket(new SimSettings(3, 30, START));
        Instant asOf = at("2024-07-03", "12:41");   // an early-close day
        for (int i = 1; i <= 30; i += 3) {
            String s = String.format("SIM%04d", i);
            for (Timeframe tf : Timeframe.values()) {
                List<Bar> bars = sim.bars(s, tf, asOf, 400);
                assertFalse(bars.isEmpty());
                for (int k = 0; k < bars.size(); k++) {
                    Bar b = bars.get(k);
                    assertTrue(b.isValid(), s + " " + tf + " " + b + ": " + b.problem());
                    for (double p : new double[]{b.open(), b.high(), b.low(), b.close()}) {
                        assertEquals(Math.round(p * 100), p * 100, 1e-6, "not a cent price: " + b);
                    }
                    assertTrue(b.volume() > 0);
                    if (k > 0) assertTrue(bars.get(k - 1).end().compareTo(b.start()) <= 0, "out of order");
                }
            }
            Bar d = sim.bars(s, Timeframe.D1, asOf, 1).get(0);
            assertTrue(d.open() >= 1 && d.open() <= 2000, "price out of range: " + d);
        }
    }

    @Test
    void dailyBarIsTheAggregateOfItsMinutes() {
        SimMarket sim = new SimMarket(new SimSettings(5, 10, START));
        BarAggregator aggregator = new BarAggregator(NYSE);
        Instant asOf = at("2024-12-31", "16:00");
        for (String s : List.of("SIM0001", "SIM0009", "SPY", "QQQ")) {
            List<Bar> daily = sim.bars(s, Timeframe.D1, asOf, 25);   // includes 11-29 and 12-24 (13:00 closes)
            assertEquals(25, daily.size());
            for (Bar d : daily) {
                LocalDate day = NYSE.dateAt(d.start());
                List<Bar> minutes = sim.bars(s, Timeframe.M1, d.end(), NYSE.sessionMinutes(day));
                assertEquals(NYSE.sessionMinutes(day), minutes.size());
                assertEquals(List.of(d), aggregator.aggregate(minutes, Timeframe.D1, d.end()), s + " " + day);
            }
        }
    }

    @Test
    void coarserBarsOfFinishedAndCurrentSessionsAreTheAggregatesOfTheirMinutes() {
        // Finished sessions' 5m-6h bars are kept apart from the minutes they were summed from; whether kept or
        // made again, they must be what the minutes give, today's forming session included.
        SimMarket sim = new SimMarket(new SimSettings(11, 5, START));
        BarAggregator agg = new BarAggregator(NYSE);
        Instant asOf = at("2024-04-10", "13:47");
        List<Bar> minutes = sim.bars("SIM0003", Timeframe.M1, asOf, 390 * 6);
        Instant firstWholeSession = NYSE.openInstant(NYSE.dateAt(minutes.get(0).start()).plusDays(1));
        while (!NYSE.isTradingDay(NYSE.dateAt(firstWholeSession))) firstWholeSession = NYSE.openInstant(NYSE.dateAt(firstWholeSession).plusDays(1));
        for (Timeframe tf : List.of(Timeframe.M5, Timeframe.M30, Timeframe.H1, Timeframe.H6)) {
            Instant from = firstWholeSession;
            List<Bar> expected = agg.aggregate(minutes, tf, asOf).stream().filter(b -> !b.start().isBefore(from)).toList();
            assertEquals(expected, sim.bars("SIM0003", tf, asOf, expected.size()), tf + " first read");
            assertEquals(expected, sim.bars("SIM0003", tf, asOf, expected.size()), tf + " read again");
            assertEquals(expected, new SimMarket(new SimSettings(11, 5, START)).bars("SIM0003", tf, asOf, expected.size()), tf + " fresh market");
        }
    }

    @Test
    void stocksMoveWithTheMarket() {
        SimMarket sim = new SimMarket(new SimSettings(42, 50, START));
        Instant asOf = at("2024-12-31", "16:00");
        double[] spy = returns(sim.bars("SPY", Timeframe.D1, asOf, 250));
        double[] qqq = returns(sim.bars("QQQ", Timeframe.D1, asOf, 250));
        assertTrue(correlation(spy, qqq) > 0.9, "QQQ ~ 1.15 x market: " + correlation(spy, qqq));
        double sum = 0;
        for (String s : sim.universe()) sum += correlation(spy, returns(sim.bars(s, Timeframe.D1, asOf, 250)));
        double meanDaily = sum / sim.universe().size();
        assertTrue(meanDaily > 0.3 && meanDaily < 0.9, "mean daily correlation with SPY: " + meanDaily);

        // Intraday too: 30-minute returns over the last 20 sessions.
        double[] spy30 = returns(sim.bars("SPY", Timeframe.M30, asOf, 260));
        double sum30 = 0;
        for (String s : sim.universe().subList(0, 20)) sum30 += correlation(spy30, returns(sim.bars(s, Timeframe.M30, asOf, 260)));
        assertTrue(sum30 / 20 > 0.2, "mean 30m correlation with SPY: " + sum30 / 20);
    }

    @Test
    void marketVolatilityClusters() {
        SimMarket sim = new SimMarket(new SimSettings(42, 1, START));
        double[] r = returns(sim.bars("SPY", Timeframe.D1, at("2026-06-30", "16:00"), 620));
        double[] squared = new double[r.length];
        for (int i = 0; i < r.length; i++) squared[i] = r[i] * r[i];
        double acf = 0;
        for (int lag = 1; lag <= 5; lag++) acf += autocorrelation(squared, lag) / 5;
        assertTrue(acf > 0.02, "mean autocorrelation of squared SPY returns, lags 1-5: " + acf);
    }

    @Test
    void plantedBurstsShowDriftAndVolume() {
        SimMarket sim = new SimMarket(new SimSettings(9, 40, START));
        List<double[]> found = new ArrayList<>();   // {window return / drift, volume ratio}
        LocalDate day = START;
        for (int n = 0; n < 40; n++, day = NYSE.nextTradingDay(day)) {
            for (String s : sim.universe()) {
                for (Burst b : sim.bursts(s, day)) {
                    assertTrue(b.end().isAfter(b.start()) && !b.end().isAfter(NYSE.closeInstant(day)));
                    assertTrue(Math.abs(b.drift()) >= 0.03 && b.volumeMultiple() >= 3);
                    List<Bar> minutes = sim.bars(s, Timeframe.M1, NYSE.closeInstant(day), 390);
                    List<Bar> in = minutes.stream().filter(m -> !m.start().isBefore(b.start()) && m.end().compareTo(b.end()) <= 0).toList();
                    List<Bar> out = minutes.stream().filter(m -> !in.contains(m)).toList();
                    double move = Math.log(in.get(in.size() - 1).close() / in.get(0).open());
                    double volumeIn = in.stream().mapToDouble(Bar::volume).average().orElseThrow();
                    double volumeOut = out.stream().mapToDouble(Bar::volume).average().orElseThrow();
                    found.add(new double[]{move / b.drift(), volumeIn / volumeOut});
                }
            }
        }
        assertTrue(found.size() >= 15, "bursts found: " + found.size());
        double follow = found.stream().mapToDouble(f -> f[0]).average().orElseThrow();
        double spike = found.stream().mapToDouble(f -> f[1]).average().orElseThrow();
        assertTrue(follow > 0.6 && follow < 1.5, "window move / planted drift: " + follow);
        assertTrue(spike > 2.5, "volume in burst / elsewhere: " + spike);
        assertTrue(sim.bursts("SPY", START).isEmpty());
    }

    @Test
    void nothingAfterAsOfIsReturned() {
        SimMarket sim = new SimMarket(new SimSettings(4, 5, START));
        Instant asOf = at("2024-03-14", "11:17").plusSeconds(30);
        for (Timeframe tf : Timeframe.values()) {
            List<Bar> bars = sim.bars("SIM0004", tf, asOf, 50);
            assertEquals(50, bars.size(), tf.label());
            for (Bar b : bars) assertFalse(b.end().isAfter(asOf), tf + " bar from the future: " + b);
        }
        assertEquals(at("2024-03-14", "11:17"), last(sim.bars("SIM0004", Timeframe.M1, asOf, 5)).end());
        assertEquals(at("2024-03-14", "11:00"), last(sim.bars("SIM0004", Timeframe.M30, asOf, 5)).end());
        assertEquals(at("2024-03-13", "16:00"), last(sim.bars("SIM0004", Timeframe.D1, asOf, 5)).end());

        Optional<Bar> today = sim.sessionSoFar("SIM0004", asOf);
        assertTrue(today.isPresent());
        List<Bar> todayMinutes = sim.bars("SIM0004", Timeframe.M1, asOf, 107);
        assertEquals(at("2024-03-14", "09:30"), todayMinutes.get(0).start());
        assertEquals(BarAggregator.merge(todayMinutes, todayMinutes.get(0).start(), asOf.minusSeconds(30)), today.get());

        assertTrue(sim.sessionSoFar("SIM0004", at("2024-03-14", "09:30")).isEmpty(), "no minute completed yet");
        assertTrue(sim.sessionSoFar("SIM0004", at("2024-03-14", "17:00")).isEmpty(), "session closed");
        assertTrue(sim.bars("SIM0004", Timeframe.D1, at("2024-01-02", "15:59"), 5).isEmpty(), "before the first close");
        assertTrue(sim.bars("SIM0004", Timeframe.M1, at("2023-12-29", "12:00"), 5).isEmpty(), "before the start date");
        assertEquals(6, sim.bars("SIM0004", Timeframe.D1, at("2024-01-09", "16:00"), 500).size(), "history starts at the start date (Jan 2-5, 8, 9)");
    }

    private static Bar last(List<Bar> bars) {
        return bars.get(bars.size() - 1);
    }

    static double[] returns(List<Bar> bars) {
        double[] r = new double[bars.size() - 1];
        for (int i = 1; i < bars.size(); i++) r[i - 1] = Math.log(bars.get(i).close() / bars.get(i - 1).close());
        return r;
    }

    static double correlation(double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double autocorrelation(double[] x, int lag) {
        double[] a = Arrays.copyOfRange(x, 0, x.length - lag);
        double[] b = Arrays.copyOfRange(x, lag, x.length);
        return correlation(a, b);
    }

    private static Instant at(String date, String time) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), MarketCalendar.NEW_YORK).toInstant();
    }
}
