package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository;
import autotrader.orders.CrashPoints;
import autotrader.orders.OrderManager;
import autotrader.orders.Reconciler;
import autotrader.rules.TradeIntent;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabRig;
import autotrader.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An Approve press whose order POST gets a 500: the message first says the order was sent but not
 * confirmed (not "order order 4 (UNKNOWN) submitted"), and once the daemon has proven the order never
 * reached the broker and the one re-send failed too, the same message says FAILED with the reason.
 */
@Timeout(60)
class TelegramOrderFailureTest {

    static final long ANA = 111L;
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    FakeTelegram tg;
    FakeSchwab schwab;
    TelegramBot bot;

    @BeforeEach
    void start() throws Exception {
        tg = new FakeTelegram();
        schwab = new FakeSchwab();
        SchwabRig.writeLogin(dir.resolve("tokens.json"), schwab, Instant.now());
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.close();
        tg.close();
        schwab.close();
    }

    @Test
    void theApprovalMessageIsCorrectedToFailedWhenTheOrderNeverReachedTheBroker() throws Exception {
        Store store = Store.open(dir.resolve("state.db"), 5000);
        SchwabRig rig = new SchwabRig(schwab.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        OrderManager orders = rig.manager(store, CrashPoints.NONE);
        Reconciler reconciler = new Reconciler(orders, (level, msg) -> { }, Duration.ZERO, d -> { });
        ApprovalService approvals = new ApprovalService(new IntentRepository(store.jdbi()), orders, store, Clock.systemUTC(),
                (s, t) -> OptionalDouble.empty(), new ApprovalService.Settings(Duration.ofMinutes(5), 0.05, false));
        bot = new TelegramBot(TelegramSettings.of(FakeTelegram.TOKEN, tg.url(), List.of(ANA), 0.05, EnumSet.allOf(AlertKind.class)),
                approvals, new FakeCommands(), store);
        approvals.connect(bot);
        assertTrue(bot.start());

        schwab.postFaults.add(new FakeSchwab.PostFault(FakeSchwab.PostFaultKind.HTTP_500_JSON, false));
        schwab.postFaults.add(new FakeSchwab.PostFault(FakeSchwab.PostFaultKind.HTTP_502_HTML, false));
        long id = approvals.propose(new TradeIntent("XYZ", "BUY", 5, "LIMIT", 14.97, 14.97, 11.27, 15.27, 0, 1, 0.75, 3.0, 4, "1h",
                List.of("test"), "test-rules"), 14.97).intent().intentId();
        tg.await("offered", WAIT, () -> tg.messagesIn(ANA).stream().anyMatch(m -> m.buttons().contains("a:" + id)));
        FakeTelegram.Stored msg = tg.messagesIn(ANA).stream().filter(m -> m.buttons().contains("a:" + id)).findFirst().orElseThrow();

        String press = tg.press(ANA, ANA, msg.messageId(), "a:" + id);
        tg.await("answer", WAIT, () -> !tg.answersTo(press).isEmpty());
        tg.await("message says sent, not confirmed", WAIT, () -> tg.message(ANA, msg.messageId()).text().contains("unclear"));
        String first = tg.message(ANA, msg.messageId()).text();
        assertFalse(first.contains("(UNKNOWN)") || first.contains("order order"), first);
        assertTrue(first.contains("HTTP 500"), first);

        for (int i = 0; i < 3; i++) {
            reconciler.reconcile();          // listing twice -> never arrived -> sent once more (502) -> listed -> FAILED
            approvals.followOrders();
        }
        tg.await("message corrected to FAILED", WAIT, () -> tg.message(ANA, msg.messageId()).text().contains("FAILED"));
        String last = tg.message(ANA, msg.messageId()).text();
        assertTrue(last.contains("never received it") && last.contains("2 POSTs"), last);
        assertTrue(tg.message(ANA, msg.messageId()).buttons().isEmpty());
        assertEquals(0, schwab.topLevelOrders().size(), "nothing at the broker");
        assertEquals(2, schwab.orderPosts.get());
    }
}
