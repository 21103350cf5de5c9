package autotrader.orders;

import java.math.BigDecimal;

/** A holding at the broker (negative quantity: short). */
public record BrokerPosition(String symbol, BigDecimal quantity, BigDecimal averagePrice, BigDecimal marketValue) {
}
