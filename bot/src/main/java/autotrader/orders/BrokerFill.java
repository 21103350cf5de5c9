package autotrader.orders;

import java.math.BigDecimal;
import java.time.Instant;

/** One execution. {@code execId} is unique per broker account, so a fill is recorded once however often it is read. */
public record BrokerFill(String execId, long quantity, BigDecimal price, BigDecimal commission, Instant time) {
}
