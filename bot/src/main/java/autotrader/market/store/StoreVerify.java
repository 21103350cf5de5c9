package autotrader.market.store;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;

import java.util.ArrayList;
import java.util.List;

/**
 * `data verify`: every stored bar through the checks the csv source applies to a row (a valid
 * OHLCV bar, {@link Bar#problem()}; each bar after the previous one, none overlapping), plus bars
 * outside a regular NYSE session and the sessions missing between a series' first and last bar.
 */
public final class StoreVerify {

    /** One finding: which series, what is wrong. {@code bad} says whether it is a broken bar (true) or only a hole (false). */
    public record Finding(String symbol, Timeframe timeframe, boolean bad, String what) {
        @Override
        public String toString() {
            return symbol + " " + timeframe.label() + ": " + what;
        }
    }

    private final BarStore store;
    private final MarketCalendar calendar;
    private final SessionGaps gaps;

    public StoreVerify(BarStore store, MarketCalendar calendar) {
        this.store = store;
        this.calendar = calendar;
        this.gaps = new SessionGaps(calendar);
    }

    /** Findings for every stored series, in symbol and timeframe order. */
    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        for (Timeframe tf : store.timeframes()) {
            for (String symbol : store.symbols(tf)) out.addAll(check(symbol, tf, store.read(symbol, tf)));
        }
        return out;
    }

    List<Finding> check(String symbol, Timeframe tf, List<Bar> bars) {
        List<Finding> out = new ArrayList<>();
        Bar previous = null;
        for (Bar b : bars) {
            String why = b.problem();
            if (why != null) out.add(new Finding(symbol, tf, true, "bar at " + b.start() + ": " + why));
            if (previous != null && b.start().isBefore(previous.end())) {
                out.add(new Finding(symbol, tf, true, "bar at " + b.start() + " starts before the previous bar ends (" + previous.end() + ")"));
            }
            if (!inSession(b)) out.add(new Finding(symbol, tf, true, "bar at " + b.start() + " is outside the NYSE regular session"));
            previous = b;
        }
        for (SessionGaps.Run r : gaps.of(bars)) out.add(new Finding(symbol, tf, false, "no bars on " + r));
        return out;
    }

    private boolean inSession(Bar b) {
        var day = calendar.sessionAt(b.start());
        return day.isPresent() && !b.end().isAfter(calendar.closeInstant(day.get()));
    }
}
