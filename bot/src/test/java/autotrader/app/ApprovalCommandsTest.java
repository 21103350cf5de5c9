package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.approvals.TraderCommands;
import autotrader.config.ConfigLoader;
import autotrader.rules.TradeIntent;
import autotrader.testing.MutableClock;
import autotrader.trading.TradingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** approve / reject / intents from the shell, and the desk read-outs behind the chat commands, on one paper account. */
class ApprovalCommandsTest {

    @TempDir
    Path dir;

    @Test
    void theShellApprovesOnceAndTheDeskReportsIt() throws Exception {
        Path cfg = TestConfigs.sim(dir, 20);
        // The shell's market time is now (the simulator has bars for any day), so the intent is made now too.
        AppContext ctx = new AppContext(new ConfigLoader(Map.of()).load(cfg));
        MutableClock clock = new MutableClock(Instant.now());
        TradingSystem orders = ctx.trading(clock::instant, Notifier.log());
        ApprovalService approvals = orders.approvals();
        double price = LastPrice.from(ctx.market()).at("SIM0004", clock.instant()).orElseThrow();
        long id = approvals.propose(new TradeIntent("SIM0004", "BUY", 7, "MARKET", price, Double.NaN, price * 0.97, price * 1.05, 0, 1,
                0.8, 2.5, 3, "1h", List.of("confidence at or above minimum"), "v1"), price).intent().intentId();

        TraderDesk desk = new TraderDesk("paper", ctx.store(), orders.orders(), approvals, LastPrice.from(ctx.market()), clock);
        assertTrue(desk.status().contains("PAPER") && desk.status().contains("Pending approvals: 1"), desk.status());
        assertTrue(desk.signals().contains("#" + id + " BUY SIM0004 7") && desk.signals().contains("PENDING"), desk.signals());
        assertTrue(desk.pause("telegram:1").startsWith("Paused"));
        assertTrue(desk.status().contains("PAUSED"));
        MainTest.Run paused = MainTest.run("approve", "--config", cfg.toString(), String.valueOf(id));
        assertEquals(1, paused.code());
        assertTrue(paused.out().contains("paused"), paused.out());
        desk.resume("telegram:1");

        MainTest.Run first = MainTest.run("approve", "--config", cfg.toString(), String.valueOf(id));
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("submitted") || first.out().contains("filled"), first.out());
        MainTest.Run again = MainTest.run("approve", "--config", cfg.toString(), String.valueOf(id));
        assertEquals(1, again.code());
        assertTrue(again.out().contains("already approved by shell:"), again.out());
        MainTest.Run list = MainTest.run("intents", "--config", cfg.toString());
        assertTrue(list.out().contains("APPROVED"), list.out());
        assertTrue(list.out().contains("SIMULATED"), "sim data says so: " + list.out());
        MainTest.Run orderList = MainTest.run("orders", "--config", cfg.toString());
        assertTrue(orderList.out().contains("SIMULATED"), orderList.out());
        int entries = ctx.store().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM orders WHERE intent_ref = ? AND role = 'ENTRY'")
                .bind(0, "intent-" + id).mapTo(Integer.class).one());
        assertEquals(1, entries);
        assertTrue(desk.signals().contains("APPROVED"), desk.signals());
        assertEquals(2, MainTest.run("approve", "--config", cfg.toString(), "not-a-number").code());
        assertEquals(1, MainTest.run("reject", "--config", cfg.toString(), "999").code());
        clock.advance(Duration.ofMinutes(1));
        assertFalse(desk.pnl(TraderCommands.PnlPeriod.ALL).isBlank());
    }
}
