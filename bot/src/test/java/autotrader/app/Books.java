package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.ConfigLoader;
import autotrader.market.Timeframe;
import autotrader.orders.Balances;
import autotrader.orders.BrokerPosition;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper account's books checked against each other after a run, each side computed on its own:
 * cash from the bot's fill ledger = the broker's cash; the bot's positions = net fills per symbol =
 * the broker's positions; equity = cash + every position at the last price.
 */
final class Books {

    private Books() {
    }

    static void assertConsistent(Path configFile, Store store) {
        AppContext ctx = new AppContext(ConfigLoader.loadFromSystem(configFile));
        String account = ctx.config().mode.label();
        var j = store.jdbi();
        BigDecimal ledgerCash = BigDecimal.valueOf(ctx.config().risk.startingCash);
        Map<String, Long> netFills = new TreeMap<>();
        for (var f : j.withHandle(h -> h.createQuery("SELECT symbol, side, quantity, price, commission FROM fills WHERE account = ?")
                .bind(0, account).mapToMap().list())) {
            BigDecimal notional = new BigDecimal((String) f.get("price")).multiply(BigDecimal.valueOf(((Number) f.get("quantity")).longValue()));
            BigDecimal commission = new BigDecimal((String) f.get("commission"));
            boolean buy = "BUY".equals(f.get("side"));
            ledgerCash = buy ? ledgerCash.subtract(notional).subtract(commission) : ledgerCash.add(notional).subtract(commission);
            netFills.merge((String) f.get("symbol"), (buy ? 1 : -1) * ((Number) f.get("quantity")).longValue(), Long::sum);
        }
        netFills.values().removeIf(q -> q == 0);

        Instant end = store.jobs().heartbeat().orElseThrow().marketTime();
        var broker = ctx.trading(() -> end, Notifier.log()).orders().broker();
        Balances b = broker.balances();
        assertEquals(0, ledgerCash.compareTo(b.cash()), "cash from the fill ledger " + ledgerCash + " = the broker's cash " + b.cash());

        Map<String, Long> book = new TreeMap<>();
        store.jdbi().withHandle(h -> h.createQuery("SELECT symbol, quantity FROM positions WHERE account = ? AND quantity != 0")
                .bind(0, account).mapToMap().list()).forEach(p -> book.put((String) p.get("symbol"), ((Number) p.get("quantity")).longValue()));
        Map<String, Long> brokerBook = new TreeMap<>();
        for (BrokerPosition p : broker.positions()) brokerBook.put(p.symbol(), p.quantity().longValueExact());
        assertEquals(netFills, book, "the bot's positions are the net of its fills");
        assertEquals(netFills, brokerBook, "the broker holds what the fills say");

        BigDecimal value = BigDecimal.ZERO;
        for (var e : netFills.entrySet()) {
            var last = ctx.market().bars(e.getKey(), Timeframe.M1, end, 1);
            assertTrue(!last.isEmpty(), "a last price for " + e.getKey());
            value = value.add(BigDecimal.valueOf(last.get(0).close()).multiply(BigDecimal.valueOf(e.getValue())));
        }
        BigDecimal expected = b.cash().add(value);
        assertTrue(expected.subtract(b.equity()).abs().compareTo(new BigDecimal("0.05")) <= 0,
                "equity " + b.equity() + " = cash " + b.cash() + " + positions at the last price " + value);
    }
}
