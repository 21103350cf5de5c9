package autotrader.features.ta4jref;

import java.util.function.IntToDoubleFunction;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.CachedIndicator;
import org.ta4j.core.num.Num;

/**
 * A ta4j indicator over a plain double function of the bar index, so values we combine ourselves
 * (from shared ta4j parts) can be fed into ta4j smoothers such as {@code MMAIndicator}.
 */
final class DoubleIndicator extends CachedIndicator<Num> {

    private final IntToDoubleFunction function;
    private final int unstableBars;

    DoubleIndicator(BarSeries series, int unstableBars, IntToDoubleFunction function) {
        super(series);
        this.function = function;
        this.unstableBars = unstableBars;
    }

    @Override
    protected Num calculate(int index) {
        return numOf(function.applyAsDouble(index));
    }

    @Override
    public int getUnstableBars() {
        return unstableBars;
    }
}
