package autotrader.orders;

import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closed trades rebuilt from the recorded fills: per symbol, a fill that grows the position opens
 * shares of the order it belongs to (the entry), a fill that shrinks it closes the oldest open shares
 * first (FIFO). A trade is one entry order once every share it opened is closed, with the exit orders
 * (stop, take-profit, market exit) that closed it. Realised P&L is after the commissions of both
 * sides, each fill's commission spread over its shares, so a partly matched fill carries its share.
 * Read from SQLite only: the same numbers in Telegram, on the desk and after a restart.
 */
public final class TradeHistory {

    /** One closed trade. {@code pnl} is net of {@code commission}; prices are quantity-weighted averages. */
    public record ClosedTrade(long entryOrderId, String symbol, Side side, long quantity, BigDecimal entryPrice, BigDecimal exitPrice,
                              Instant openedAt, Instant closedAt, List<Long> exitOrderIds, BigDecimal commission, BigDecimal pnl) {
        /** P&L as a percentage of what the entry cost. */
        public double pnlPct() {
            BigDecimal cost = entryPrice.multiply(BigDecimal.valueOf(quantity));
            return cost.signum() == 0 ? 0 : pnl.doubleValue() / cost.doubleValue() * 100;
        }
    }

    private record Fill(long orderId, String symbol, Side side, long quantity, BigDecimal price, BigDecimal commission, Instant at) {
        BigDecimal commissionPerShare() {
            return commission.divide(BigDecimal.valueOf(quantity), 10, RoundingMode.HALF_UP);
        }
    }

    /** An entry's shares still open, and what closing the others gave so far. */
    private static final class Open {
        final long orderId;
        final String symbol;
        final Side side;
        final Instant openedAt;
        long opened, left;
        BigDecimal entryCost = BigDecimal.ZERO, exitValue = BigDecimal.ZERO, commission = BigDecimal.ZERO, pnl = BigDecimal.ZERO;
        Instant closedAt;
        final Set<Long> exits = new LinkedHashSet<>();

        Open(Fill f) {
            orderId = f.orderId();
            symbol = f.symbol();
            side = f.side();
            openedAt = f.at();
        }
    }

    private final Jdbi jdbi;

    public TradeHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every closed trade of the account, most recently closed first. */
    public List<ClosedTrade> closed(String account) {
        List<Fill> fills = jdbi.withHandle(h -> h.createQuery("""
                        SELECT order_id, symbol, side, quantity, price, commission, filled_at FROM fills
                        WHERE account = ? ORDER BY filled_at, id""").bind(0, account)
                .map((rs, c) -> new Fill(rs.getLong(1), rs.getString(2), Side.valueOf(rs.getString(3)), rs.getLong(4),
                        new BigDecimal(rs.getString(5)), new BigDecimal(rs.getString(6)), Instant.parse(rs.getString(7))))
                .list());
        Map<String, Deque<Open>> book = new HashMap<>();
        Map<Long, Open> byEntry = new HashMap<>();
        List<Open> done = new ArrayList<>();
        for (Fill f : fills) {
            Deque<Open> lots = book.computeIfAbsent(f.symbol(), s -> new ArrayDeque<>());
            long left = f.quantity();
            // Closing: the fill is on the other side of the open lots.
            while (left > 0 && !lots.isEmpty() && lots.peekFirst().side != f.side()) {
                Open o = lots.peekFirst();
                long q = Math.min(left, o.left);
                BigDecimal qty = BigDecimal.valueOf(q);
                BigDecimal entryAvg = o.entryCost.divide(BigDecimal.valueOf(o.opened), 10, RoundingMode.HALF_UP);
                BigDecimal gross = f.price().subtract(entryAvg).multiply(qty);
                if (o.side == Side.SELL) gross = gross.negate();
                BigDecimal exitCommission = f.commissionPerShare().multiply(qty);
                o.pnl = o.pnl.add(gross).subtract(exitCommission);
                o.commission = o.commission.add(exitCommission);
                o.exitValue = o.exitValue.add(f.price().multiply(qty));
                o.exits.add(f.orderId());
                o.left -= q;
                o.closedAt = f.at();
                left -= q;
                if (o.left == 0) {
                    lots.pollFirst();
                    done.add(o);
                }
            }
            if (left == 0) continue;
            // Opening (or adding to) a position: the shares belong to this fill's order.
            Open o = byEntry.get(f.orderId());
            if (o == null || o.left == 0 && done.contains(o)) {
                o = new Open(f);
                byEntry.put(f.orderId(), o);
                lots.addLast(o);
            }
            BigDecimal qty = BigDecimal.valueOf(left);
            BigDecimal entryCommission = f.commissionPerShare().multiply(qty);
            o.opened += left;
            o.left += left;
            o.entryCost = o.entryCost.add(f.price().multiply(qty));
            o.commission = o.commission.add(entryCommission);
            o.pnl = o.pnl.subtract(entryCommission);
        }
        List<ClosedTrade> out = new ArrayList<>();
        for (Open o : done) {
            BigDecimal n = BigDecimal.valueOf(o.opened);
            out.add(new ClosedTrade(o.orderId, o.symbol, o.side, o.opened, o.entryCost.divide(n, 4, RoundingMode.HALF_UP),
                    o.exitValue.divide(n, 4, RoundingMode.HALF_UP), o.openedAt, o.closedAt, List.copyOf(o.exits),
                    o.commission.setScale(2, RoundingMode.HALF_UP), o.pnl.setScale(2, RoundingMode.HALF_UP)));
        }
        out.sort(Comparator.comparing(ClosedTrade::closedAt).thenComparing(ClosedTrade::entryOrderId).reversed());
        return out;
    }
}
