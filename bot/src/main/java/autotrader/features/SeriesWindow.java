package autotrader.features;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.scan.Momentum;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One window of bars prepared for feature evaluation: primitive columns, per-bar session facts, and
 * the indicator arrays several features share (EMAs, ATRs, ...; see {@link Indicators}), each built
 * once per window. Index 0 is the first bar of the window; nothing here looks past the index asked for.
 */
final class SeriesWindow {

    final Timeframe timeframe;
    final Momentum momentum;
    final double[] open, high, low, close, volume;
    /** ln(close[i]/close[i-1]); NaN at index 0. */
    final double[] logReturn;
    final Instant[] start, end;
    /** Index of the first bar of the New York session (trading day) that bar i belongs to. */
    final int[] sessionFirstBar;
    /** Regular-session open (09:30 New York) of bar i's trading day. */
    final Instant[] sessionOpen;

    /** Indicator arrays shared by several features (ATR, EMAs, ...) so each is built once per window. */
    private final Map<String, Object> shared = new HashMap<>();

    SeriesWindow(List<Bar> bars, Timeframe timeframe, Momentum momentum) {
        this(new PreparedBars(bars), 0, bars.size(), timeframe, momentum);
    }

    /**
     * The window of prepared bars {@code from..to-1}: the same as a window made from those bars alone.
     * Every per-bar fact is a function of the bar itself, except the first log return (NaN, there is no
     * previous bar in the window) and a session's first bar, which cannot lie before the window.
     */
    SeriesWindow(PreparedBars all, int from, int to, Timeframe timeframe, Momentum momentum) {
        this.timeframe = timeframe;
        this.momentum = momentum;
        open = Arrays.copyOfRange(all.open, from, to);
        high = Arrays.copyOfRange(all.high, from, to);
        low = Arrays.copyOfRange(all.low, from, to);
        close = Arrays.copyOfRange(all.close, from, to);
        volume = Arrays.copyOfRange(all.volume, from, to);
        logReturn = Arrays.copyOfRange(all.logReturn, from, to);
        if (logReturn.length > 0) logReturn[0] = Double.NaN;
        start = Arrays.copyOfRange(all.start, from, to);
        end = Arrays.copyOfRange(all.end, from, to);
        sessionOpen = Arrays.copyOfRange(all.sessionOpen, from, to);
        sessionFirstBar = new int[to - from];
        for (int i = 0; i < sessionFirstBar.length; i++) sessionFirstBar[i] = Math.max(all.sessionFirstBar[from + i] - from, 0);
    }

    int size() {
        return close.length;
    }

    /** (high + low + close) / 3 of every bar, ta4j's TypicalPriceIndicator. */
    double[] typicalPrice() {
        return shared("typical", () -> Indicators.typicalPrice(high, low, close));
    }

    /** ta4j's CloseLocationValueIndicator of every bar (NaN on a bar with no range). */
    double[] closeLocation() {
        return shared("clv", () -> Indicators.closeLocation(high, low, close));
    }

    @SuppressWarnings("unchecked")
    <T> T shared(String key, Supplier<T> build) {
        // Not computeIfAbsent: building one shared array may build another (MACD signal -> MACD).
        Object value = shared.get(key);
        if (value == null) {
            value = build.get();
            shared.put(key, value);
        }
        return (T) value;
    }
}
