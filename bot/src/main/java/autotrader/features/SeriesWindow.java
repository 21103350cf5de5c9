package autotrader.features;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.scan.Momentum;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * One run of bars prepared for feature evaluation: a ta4j series (DoubleNum, the fast Num) plus
 * primitive arrays for the features we compute ourselves, and per-bar session bookkeeping.
 * Index 0 is the first bar of the window; nothing here looks past the index asked for.
 */
final class SeriesWindow {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    final Timeframe timeframe;
    final Momentum momentum;
    final BarSeries series;
    final ClosePriceIndicator closePrice;
    final double[] open, high, low, close, volume;
    /** ln(close[i]/close[i-1]); NaN at index 0. */
    final double[] logReturn;
    final Instant[] start, end;
    /** Index of the first bar of the New York session (trading day) that bar i belongs to. */
    final int[] sessionFirstBar;
    /** Regular-session open (09:30 New York) of bar i's trading day. */
    final Instant[] sessionOpen;

    /** Indicators shared by several features (ATR, EMAs, ...) so each is built once per window. */
    private final Map<String, Object> shared = new HashMap<>();

    SeriesWindow(List<Bar> bars, Timeframe timeframe, Momentum momentum) {
        this.timeframe = timeframe;
        this.momentum = momentum;
        int n = bars.size();
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        logReturn = new double[n];
        start = new Instant[n];
        end = new Instant[n];
        sessionFirstBar = new int[n];
        sessionOpen = new Instant[n];
        series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        LocalDate previousDay = null;
        for (int i = 0; i < n; i++) {
            Bar bar = bars.get(i);
            String problem = bar.problem();
            if (problem != null) throw new IllegalArgumentException("bar " + i + " is invalid: " + problem);
            if (i > 0 && !bar.end().isAfter(end[i - 1]))
                throw new IllegalArgumentException("bar " + i + " ends at " + bar.end() + ", not after the previous bar");
            open[i] = bar.open();
            high[i] = bar.high();
            low[i] = bar.low();
            close[i] = bar.close();
            volume[i] = bar.volume();
            start[i] = bar.start();
            end[i] = bar.end();
            logReturn[i] = i == 0 ? Double.NaN : Math.log(close[i] / close[i - 1]);
            ZonedDateTime startNy = bar.start().atZone(NEW_YORK);
            LocalDate day = startNy.toLocalDate();
            sessionFirstBar[i] = day.equals(previousDay) ? sessionFirstBar[i - 1] : i;
            sessionOpen[i] = day.atTime(9, 30).atZone(NEW_YORK).toInstant();
            previousDay = day;
            series.addBar(new BaseBar(Duration.between(bar.start(), bar.end()), ZonedDateTime.ofInstant(bar.end(), ZoneOffset.UTC),
                    DoubleNum.valueOf(bar.open()), DoubleNum.valueOf(bar.high()), DoubleNum.valueOf(bar.low()),
                    DoubleNum.valueOf(bar.close()), DoubleNum.valueOf(bar.volume()), DoubleNum.ZERO));
        }
        closePrice = new ClosePriceIndicator(series);
    }

    int size() {
        return close.length;
    }

    @SuppressWarnings("unchecked")
    <T> T shared(String key, Supplier<T> build) {
        // Not computeIfAbsent: building one shared indicator may build another (MACD signal -> MACD).
        Object value = shared.get(key);
        if (value == null) {
            value = build.get();
            shared.put(key, value);
        }
        return (T) value;
    }

    static double value(Indicator<Num> indicator, int index) {
        return indicator.getValue(index).doubleValue();
    }
}
