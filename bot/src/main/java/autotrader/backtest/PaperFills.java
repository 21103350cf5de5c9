package autotrader.backtest;

import autotrader.orders.Side;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;

/** Reads the paper broker's own fill ledger (paper_fills with their paper_orders). */
public final class PaperFills {

    private PaperFills() {
    }

    public static List<Fill> read(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.paper_order_id, f.symbol, f.side, f.quantity, f.price, f.commission, f.filled_at, o.placed_at, o.order_type
                        FROM paper_fills f JOIN paper_orders o ON o.id = f.paper_order_id ORDER BY f.id""")
                .map((rs, ctx) -> new Fill(rs.getLong(1), rs.getString(2), Side.valueOf(rs.getString(3)), rs.getLong(4),
                        Double.parseDouble(rs.getString(5)), Double.parseDouble(rs.getString(6)), Instant.parse(rs.getString(7)),
                        Instant.parse(rs.getString(8)), rs.getString(9)))
                .list());
    }
}
