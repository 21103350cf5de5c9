package autotrader.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.indicators.ChandelierExitLongIndicator;
import org.ta4j.core.indicators.ChandelierExitShortIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticRSIIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.volume.ChaikinOscillatorIndicator;

/** Feature values against a hand calculation or against the ta4j indicator they stand for. */
class HandCheckedValuesTest {

    private static final double EPS = 1e-12;
    private final FeatureEngine engine = new FeatureEngine("XYZ", Timeframe.M5);
    private final List<Bar> bars = SyntheticBars.randomWalk(42, 100, Timeframe.M5, 35);
    private final FeatureMatrix matrix = engine.compute(bars, null);
    private final int last = bars.size() - 1;
    private final BarSeries series = ta4jSeries(bars);

    @Test
    void rsi14MatchesWildersFormulaByHand() {
        // ta4j seeds the Wilder averages with the first bar's gain/loss (0) and then
        // avg = avg + (x - avg) / 14 on every bar.
        double avgGain = 0, avgLoss = 0;
        for (int i = 1; i <= last; i++) {
            double change = bars.get(i).close() - bars.get(i - 1).close();
            avgGain += (Math.max(change, 0) - avgGain) / 14;
            avgLoss += (Math.max(-change, 0) - avgLoss) / 14;
        }
        double expected = 100 - 100 / (1 + avgGain / avgLoss);
        assertEquals(expected, matrix.get(last, "rsi_14"), 1e-9);
    }

    @Test
    void rsiEqualsTa4jRsiIndicator() {
        for (int n : new int[] {7, 14, 21}) {
            var rsi = new RSIIndicator(new ClosePriceIndicator(series), n);
            for (int i = n; i <= last; i++) {
                assertEquals(rsi.getValue(i).doubleValue(), engine.latest(bars.subList(0, i + 1), null)[col("rsi_" + n)], EPS,
                        "rsi_" + n + " at " + i);
            }
        }
    }

    @Test
    void stochasticRsiEqualsTa4j() {
        var stochRsi = new StochasticRSIIndicator(series, 14);
        for (int i = 27; i <= last; i += 9) {
            assertEquals(stochRsi.getValue(i).doubleValue(), matrix.get(i, "stoch_rsi_14"), EPS, "at " + i);
        }
    }

    @Test
    void directionalIndicatorsEqualTa4j() {
        assertEquals(new ADXIndicator(series, 14).getValue(last).doubleValue(), matrix.get(last, "adx_14"), EPS);
        assertEquals(new PlusDIIndicator(series, 14).getValue(last).doubleValue(), matrix.get(last, "plus_di_14"), EPS);
        assertEquals(new MinusDIIndicator(series, 14).getValue(last).doubleValue(), matrix.get(last, "minus_di_14"), EPS);
        assertEquals(new ADXIndicator(series, 14).getValue(40).doubleValue(), matrix.get(40, "adx_14"), EPS);
    }

    @Test
    void chandelierAndChaikinEqualTa4j() {
        double close = bars.get(last).close();
        double longExit = new ChandelierExitLongIndicator(series, 22, 3.0).getValue(last).doubleValue();
        double shortExit = new ChandelierExitShortIndicator(series, 22, 3.0).getValue(last).doubleValue();
        assertEquals(close / longExit - 1, matrix.get(last, "chandelier_long_dist_22"), EPS);
        assertEquals(close / shortExit - 1, matrix.get(last, "chandelier_short_dist_22"), EPS);
        double osc = new ChaikinOscillatorIndicator(series, 3, 10).getValue(last).doubleValue();
        double avgVolume = new SMAIndicator(new VolumeIndicator(series), 10).getValue(last).doubleValue();
        assertEquals(osc / avgVolume, matrix.get(last, "chaikin_osc_norm"), EPS);
    }

    @Test
    void movingAverageDistancesMatchTa4j() {
        double close = bars.get(last).close();
        double ema21 = new EMAIndicator(new ClosePriceIndicator(series), 21).getValue(last).doubleValue();
        assertEquals(close / ema21 - 1, matrix.get(last, "ema_dist_21"), EPS);
        double sma = 0;
        for (int i = last - 9; i <= last; i++) sma += bars.get(i).close();
        assertEquals(close / (sma / 10) - 1, matrix.get(last, "sma_dist_10"), 1e-12);
    }

    @Test
    void returnsAndCandleShapeByHand() {
        assertEquals(Math.log(bars.get(last).close() / bars.get(last - 1).close()), matrix.get(last, "log_ret_1"), 0);
        assertEquals(Math.log(bars.get(last).close() / bars.get(last - 20).close()), matrix.get(last, "log_ret_20"), 0);
        assertEquals(Math.log(bars.get(last).open() / bars.get(last - 1).close()), matrix.get(last, "gap_open"), 0);

        List<Bar> hand = new ArrayList<>(bars.subList(0, 10));
        Instant end = hand.get(9).end();
        hand.add(new Bar(end, end.plusSeconds(300), 10, 12, 9, 11.5, 1000)); // range 3, body 1.5
        double[] row = engine.latest(hand, null);
        assertEquals(0.5, row[col("body_ratio")], 1e-15);
        assertEquals(0.5 / 3, row[col("upper_wick_ratio")], 1e-15);
        assertEquals(1.0 / 3, row[col("lower_wick_ratio")], 1e-15);
        assertEquals(3 / 11.5, row[col("range_pct")], 1e-15);
        assertEquals((2.5 - 0.5) / 3, row[col("close_location")], 1e-12);
    }

    @Test
    void consecutiveBarsAndVolumeRatioByHand() {
        List<Bar> hand = new ArrayList<>();
        Instant t = Instant.parse("2024-01-02T14:30:00Z");
        double[] closes = {10, 11, 10.5, 10.6, 10.7, 10.8};
        double[] volumes = {100, 200, 300, 400, 500, 1000};
        for (int i = 0; i < closes.length; i++) {
            double c = closes[i];
            hand.add(new Bar(t.plusSeconds(300L * i), t.plusSeconds(300L * (i + 1)), c, c + 0.5, c - 0.5, c, volumes[i]));
        }
        double[] row = engine.latest(hand, null);
        assertEquals(3, row[col("consecutive_up")]);
        assertEquals(0, row[col("consecutive_down")]);
        assertEquals(1000 / ((400 + 500 + 1000 + 300 + 200) / 5.0), row[col("volume_ratio_5")], 1e-12);
        assertEquals(Math.log(1000.0 / 500), row[col("log_volume_change_1")], 1e-15);
    }

    private static int col(String name) {
        return FeatureEngine.featureNames().indexOf(name);
    }

    /** The bars as a ta4j series of DoubleNum, the number type the features' arithmetic reproduces. */
    static BarSeries ta4jSeries(List<Bar> bars) {
        List<org.ta4j.core.Bar> converted = new ArrayList<>();
        for (Bar bar : bars) {
            converted.add(new BaseBar(Duration.between(bar.start(), bar.end()), ZonedDateTime.ofInstant(bar.end(), ZoneOffset.UTC),
                    DoubleNum.valueOf(bar.open()), DoubleNum.valueOf(bar.high()), DoubleNum.valueOf(bar.low()),
                    DoubleNum.valueOf(bar.close()), DoubleNum.valueOf(bar.volume()), DoubleNum.ZERO));
        }
        return new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).withBars(converted).build();
    }
}
