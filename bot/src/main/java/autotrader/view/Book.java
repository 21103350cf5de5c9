package autotrader.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The bot's positions valued at market time {@code asOf}.
 *
 * @param unrealizedPnl the sum of the priced positions' unrealised P&L, {@link Money}
 * @param marketValue   the sum of the priced positions' market value, {@link Money}
 * @param allPriced     whether every position had a price (else the sums leave some out)
 */
public record Book(Instant asOf, boolean paused, List<PositionValue> positions, BigDecimal unrealizedPnl, BigDecimal marketValue,
                   boolean allPriced) {
}
