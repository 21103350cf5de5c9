package autotrader.orders;

import java.math.BigDecimal;

/** Account money as the broker reports it. For the paper broker equity = cash + positions value, exactly. */
public record Balances(BigDecimal cash, BigDecimal equity, BigDecimal positionsValue, BigDecimal buyingPower) {
}
