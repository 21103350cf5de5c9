package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.orders.OrderManager;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.rules.TradeIntent;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import autotrader.trading.TradingSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole approval path with nothing faked but the Telegram server: the real library, the real
 * approval service, the paper broker over the simulator, one SQLite file. A press on Approve leads
 * to exactly one paper order, whatever else is pressed.
 */
@Timeout(60)
class TelegramApprovalFlowTest {

    static final long ANA = 111L, BEN = 222L, STRANGER = 999L;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final SimMarket MARKET = new SimMarket(new SimSettings(3, 20, null));
    static final Instant NOON = LocalDateTime.parse("2024-06-12T12:00").atZone(MarketCalendar.NEW_YORK).toInstant();

    @TempDir
    Path dir;
    FakeTelegram tg;
    Store store;
    MutableClock clock;
    ApprovalService approvals;
    TelegramBot bot;

    @BeforeEach
    void start() throws Exception {
        tg = new FakeTelegram();
        store = Store.open(dir.resolve("state.db"), 5000);
        clock = new MutableClock(NOON);
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, MARKET, MarketCalendar.nyse(), clock,
                new PaperBroker(store.jdbi(), MARKET, clock::instant, new PaperFillModel(5, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1), Notifier.log()),
                new AppConfig().risk, new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false), LastPrice.from(MARKET));
        OrderManager orders = system.orders();
        approvals = system.approvals();
        bot = new TelegramBot(TelegramSettings.of(FakeTelegram.TOKEN, tg.url(), List.of(ANA, BEN), 0.01, EnumSet.allOf(AlertKind.class)),
                approvals, new FakeCommands(), store);
        approvals.connect(bot);
        assertTrue(bot.start());
    }

    @AfterEach
    void stop() {
        bot.close();
        tg.close();
    }

    private long propose(String symbol) {
        double p = LastPrice.from(MARKET).at(symbol, NOON).orElseThrow();
        TradeIntent t = new TradeIntent(symbol, "BUY", 10, "MARKET", p, Double.NaN, p * 0.97, p * 1.05, 0, 1, 0.78, 3.1, 4, "1h",
                List.of("confidence at or above minimum", "size by risk"), "test");
        return approvals.propose(t, p).intent().intentId();
    }

    private FakeTelegram.Stored offeredTo(long chat, long id) throws InterruptedException {
        tg.await("intent " + id + " offered to " + chat, WAIT,
                () -> tg.messagesIn(chat).stream().anyMatch(m -> m.buttons().contains("a:" + id)));
        return tg.messagesIn(chat).stream().filter(m -> m.buttons().contains("a:" + id)).findFirst().orElseThrow();
    }

    private int entryOrders(long id) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM orders WHERE intent_ref = ? AND role = 'ENTRY'")
                .bind(0, "intent-" + id).mapTo(Integer.class).one());
    }

    @Test
    void approveFromTelegramPlacesExactlyOnePaperOrder() throws Exception {
        long id = propose("SIM0001");
        FakeTelegram.Stored ana = offeredTo(ANA, id), ben = offeredTo(BEN, id);

        String stranger = tg.press(STRANGER, STRANGER, ana.messageId(), "a:" + id);
        String first = tg.press(ANA, ANA, ana.messageId(), "a:" + id);
        String again = tg.press(ANA, ANA, ana.messageId(), "a:" + id);
        String other = tg.press(BEN, BEN, ben.messageId(), "a:" + id);
        for (String q : List.of(stranger, first, again, other)) tg.await("answer " + q, WAIT, () -> !tg.answersTo(q).isEmpty());

        assertEquals(1, entryOrders(id), "one paper order, whatever the presses");
        assertTrue(tg.answersTo(stranger).get(0).contains("Not allowed"), tg.answersTo(stranger).toString());
        assertTrue(tg.answersTo(again).get(0).toLowerCase().contains("already"), tg.answersTo(again).toString());
        assertTrue(tg.answersTo(other).get(0).toLowerCase().contains("already"), tg.answersTo(other).toString());
        tg.await("both messages show the outcome", WAIT, () -> tg.message(ANA, ana.messageId()).buttons().isEmpty()
                && tg.message(BEN, ben.messageId()).buttons().isEmpty());
        assertTrue(approvals.pending().isEmpty());
    }

    @Test
    void anIntentLeftAloneExpiresAndItsMessageSaysSo() throws Exception {
        long id = propose("SIM0002");
        FakeTelegram.Stored ana = offeredTo(ANA, id);
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, bot.expireStale());
        tg.await("message edited to expired", WAIT, () -> tg.message(ANA, ana.messageId()).text().toLowerCase().contains("expired"));
        String late = tg.press(ANA, ANA, ana.messageId(), "a:" + id);
        tg.await("answer", WAIT, () -> !tg.answersTo(late).isEmpty());
        assertEquals(0, entryOrders(id));
    }

    @Test
    void aShellApprovalEditsTheTelegramMessage() throws Exception {
        long id = propose("SIM0003");
        FakeTelegram.Stored ana = offeredTo(ANA, id);
        approvals.approve(id, "shell:trader");
        tg.await("message edited after the shell approval", WAIT, () -> tg.message(ANA, ana.messageId()).buttons().isEmpty());
        assertEquals(1, entryOrders(id));
    }
}
