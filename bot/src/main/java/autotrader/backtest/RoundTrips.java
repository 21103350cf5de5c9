package autotrader.backtest;

import autotrader.orders.Side;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Pairs buy and sell fills into round trips, first in first out per symbol (long only, as the paper broker). */
public final class RoundTrips {

    private RoundTrips() {
    }

    private static final class Lot {
        final Fill fill;
        long left;
        double commissionLeft;

        Lot(Fill f) {
            fill = f;
            left = f.quantity();
            commissionLeft = f.commission();
        }
    }

    /**
     * @param confidenceOf the entry's confidence for a buy fill (NaN when unknown)
     * @param lastClose    the last close of a symbol still held at the end ({@code end}); those trips are marked open
     */
    public static List<RoundTrip> pair(List<Fill> fills, Function<Fill, Double> confidenceOf, BiFunction<String, Instant, Double> lastClose,
                                       Instant end) {
        List<Fill> sorted = new ArrayList<>(fills);
        sorted.sort(Comparator.comparing(Fill::filledAt).thenComparingLong(Fill::orderId));
        Map<String, Deque<Lot>> lots = new HashMap<>();
        List<RoundTrip> out = new ArrayList<>();
        for (Fill f : sorted) {
            Deque<Lot> q = lots.computeIfAbsent(f.symbol(), s -> new ArrayDeque<>());
            if (f.side() == Side.BUY) {
                q.addLast(new Lot(f));
                continue;
            }
            long toClose = f.quantity();
            double exitCommissionLeft = f.commission();
            while (toClose > 0 && !q.isEmpty()) {
                Lot lot = q.peekFirst();
                long n = Math.min(lot.left, toClose);
                // Commissions are split pro rata when a fill closes part of a lot or several lots.
                double entryC = lot.commissionLeft * n / lot.left;
                double exitC = exitCommissionLeft * n / toClose;
                out.add(RoundTrip.of(f.symbol(), lot.fill.filledAt(), f.filledAt(), n, lot.fill.price(), f.price(), entryC, exitC,
                        reason(f.orderType()), confidenceOf.apply(lot.fill), false));
                lot.left -= n;
                lot.commissionLeft -= entryC;
                exitCommissionLeft -= exitC;
                toClose -= n;
                if (lot.left == 0) q.pollFirst();
            }
        }
        for (var e : lots.entrySet()) {
            for (Lot lot : e.getValue()) {
                Double px = lastClose.apply(e.getKey(), end);
                if (px == null || !Double.isFinite(px)) continue;
                out.add(RoundTrip.of(e.getKey(), lot.fill.filledAt(), end, lot.left, lot.fill.price(), px, lot.commissionLeft, 0, "open at end",
                        confidenceOf.apply(lot.fill), true));
            }
        }
        out.sort(Comparator.comparing(RoundTrip::entryAt).thenComparing(RoundTrip::symbol));
        return out;
    }

    private static String reason(String orderType) {
        return switch (orderType) {
            case "STOP" -> "stop-loss";
            case "TRAILING_STOP" -> "trailing stop";
            case "LIMIT" -> "take-profit";
            case "MARKET" -> "market exit";
            default -> orderType.toLowerCase(Locale.ROOT);
        };
    }

    public static List<RoundTrip> closed(List<RoundTrip> trips) {
        return trips.stream().filter(t -> !t.open()).toList();
    }
}
