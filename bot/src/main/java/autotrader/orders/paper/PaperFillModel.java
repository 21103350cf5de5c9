package autotrader.orders.paper;

import autotrader.market.Bar;
import autotrader.orders.OrderType;
import autotrader.orders.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How the paper broker turns bars into fills. Only bars that start at or after the moment an order
 * became active are ever looked at, so no fill uses a price from before the order.
 * <ul>
 * <li>MARKET: the bar's open, worsened by the slippage.</li>
 * <li>LIMIT: fills when the bar trades through the limit, at the limit; if the bar opens beyond it
 *     (a gap in our favour) at the open. No slippage: a limit is a price guarantee.</li>
 * <li>STOP and TRAILING_STOP: trigger when the bar reaches the stop and become market orders: at the
 *     stop, or at the open when the bar gaps through it, worsened by the slippage.</li>
 * </ul>
 * Commission is max(per share x quantity, minimum per order).
 */
public final class PaperFillModel {

    private final BigDecimal slippageBps;
    private final BigDecimal commissionPerShare;
    private final BigDecimal commissionMin;

    public PaperFillModel(double slippageBps, double commissionPerShare, double commissionMin) {
        this.slippageBps = BigDecimal.valueOf(slippageBps);
        this.commissionPerShare = BigDecimal.valueOf(commissionPerShare);
        this.commissionMin = BigDecimal.valueOf(commissionMin);
    }

    /** The working state of one order as the fill model needs it. */
    public record Working(OrderType type, Side side, BigDecimal limit, BigDecimal stop, BigDecimal trailOffset) {
    }

    /**
     * The fill price on this bar, or empty when the order does not fill on it. {@code extreme} is the
     * best price seen since a trailing stop became active (highest for a SELL trail, lowest for a BUY
     * trail); the caller moves it after each bar.
     */
    public Optional<BigDecimal> fillPrice(Working o, Bar bar, BigDecimal extreme) {
        BigDecimal open = px(bar.open()), high = px(bar.high()), low = px(bar.low());
        boolean buy = o.side() == Side.BUY;
        return switch (o.type()) {
            case MARKET -> Optional.of(slip(open, buy));
            case LIMIT -> {
                if (buy) yield open.compareTo(o.limit()) <= 0 ? Optional.of(open) : low.compareTo(o.limit()) <= 0 ? Optional.of(o.limit()) : Optional.empty();
                yield open.compareTo(o.limit()) >= 0 ? Optional.of(open) : high.compareTo(o.limit()) >= 0 ? Optional.of(o.limit()) : Optional.empty();
            }
            case STOP -> stopFill(o.stop(), buy, open, high, low);
            case TRAILING_STOP -> {
                BigDecimal ref = extreme != null ? extreme : open;
                BigDecimal stop = buy ? ref.add(o.trailOffset()) : ref.subtract(o.trailOffset());
                yield stopFill(stop, buy, open, high, low);
            }
            default -> Optional.empty();
        };
    }

    private Optional<BigDecimal> stopFill(BigDecimal stop, boolean buy, BigDecimal open, BigDecimal high, BigDecimal low) {
        if (buy) {
            if (open.compareTo(stop) >= 0) return Optional.of(slip(open, true));
            return high.compareTo(stop) >= 0 ? Optional.of(slip(stop, true)) : Optional.empty();
        }
        if (open.compareTo(stop) <= 0) return Optional.of(slip(open, false));
        return low.compareTo(stop) <= 0 ? Optional.of(slip(stop, false)) : Optional.empty();
    }

    /** Moves a trailing stop's reference after a bar: the highest high (SELL) or lowest low (BUY) so far. */
    public BigDecimal nextExtreme(Side side, BigDecimal extreme, Bar bar) {
        BigDecimal v = side == Side.SELL ? px(bar.high()) : px(bar.low());
        if (extreme == null) return v;
        return side == Side.SELL ? extreme.max(v) : extreme.min(v);
    }

    public BigDecimal commission(long quantity) {
        BigDecimal perShare = commissionPerShare.multiply(BigDecimal.valueOf(quantity));
        return perShare.max(commissionMin).setScale(4, RoundingMode.HALF_UP);
    }

    BigDecimal slip(BigDecimal price, boolean buy) {
        BigDecimal factor = slippageBps.divide(BigDecimal.valueOf(10_000));
        BigDecimal p = buy ? price.multiply(BigDecimal.ONE.add(factor)) : price.multiply(BigDecimal.ONE.subtract(factor));
        return p.setScale(4, RoundingMode.HALF_UP);
    }

    static BigDecimal px(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP);
    }
}
