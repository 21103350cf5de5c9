package autotrader.view;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The one money type of the read model: a {@link BigDecimal} in cents, rounded half up. */
public final class Money {

    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private Money() {
    }

    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(SCALE, ROUNDING);
    }
}
