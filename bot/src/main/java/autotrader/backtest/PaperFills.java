package autotrader.backtest;

import autotrader.orders.paper.PaperBook;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** Reads the paper broker's own fill ledger (paper_fills with their paper_orders). */
public final class PaperFills {

    private PaperFills() {
    }

    public static List<Fill> read(Jdbi jdbi) {
        return new PaperBook(jdbi).fills().stream()
                .map(f -> new Fill(f.orderId(), f.symbol(), f.side(), f.quantity(), f.price().doubleValue(), f.commission().doubleValue(),
                        f.filledAt(), f.placedAt(), f.orderType()))
                .toList();
    }
}
