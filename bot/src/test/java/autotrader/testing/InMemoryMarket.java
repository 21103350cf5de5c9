package autotrader.testing;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** A hand-built market for tests: daily bars per symbol and, optionally, a "today so far" bar. */
public final class InMemoryMarket implements MarketData {

    private final Map<String, List<Bar>> daily = new HashMap<>();
    private final Map<String, Bar> today = new HashMap<>();
    private final List<String> universe = new ArrayList<>();
    private final MarketCalendar cal = MarketCalendar.nyse();

    public void putDaily(String symbol, List<Bar> bars) {
        if (!daily.containsKey(symbol)) universe.add(symbol);
        daily.put(symbol, bars);
    }

    public void putToday(String symbol, Bar soFar) {
        today.put(symbol, soFar);
    }

    /** A seeded random walk of daily bars over the sessions before {@code lastDay} (inclusive). */
    public static List<Bar> randomWalk(long seed, LocalDate lastDay, int sessions, double price, double volume) {
        MarketCalendar cal = MarketCalendar.nyse();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = lastDay; days.size() < sessions; d = cal.previousTradingDay(d)) if (cal.isTradingDay(d)) days.add(0, d);
        List<Bar> out = new ArrayList<>();
        double p = price;
        for (LocalDate d : days) {
            double open = p;
            double close = p * Math.exp(0.015 * rnd.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.005 * rnd.nextDouble());
            double low = Math.min(open, close) * (1 - 0.005 * rnd.nextDouble());
            out.add(new Bar(cal.openInstant(d), cal.closeInstant(d), open, high, low, close, volume * (0.8 + 0.4 * rnd.nextDouble())));
            p = close;
        }
        return out;
    }

    @Override
    public String name() {
        return "in-memory test market";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public List<String> universe() {
        return universe;
    }

    @Override
    public boolean has(String symbol) {
        return daily.containsKey(symbol);
    }

    @Override
    public List<Bar> bars(String symbol, Timeframe tf, Instant asOf, int count) {
        if (tf != Timeframe.D1) return List.of();
        List<Bar> known = daily.getOrDefault(symbol, List.of()).stream().filter(b -> !b.end().isAfter(asOf)).toList();
        return known.subList(Math.max(0, known.size() - count), known.size());
    }

    @Override
    public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
        Bar b = today.get(symbol);
        if (b == null || !cal.isOpen(asOf) || b.end().isAfter(asOf) || !cal.dateAt(b.start()).equals(cal.dateAt(asOf))) return Optional.empty();
        return Optional.of(b);
    }

    @Override
    public Instant lastAvailable() {
        return Instant.now();
    }
}
