package autotrader.telegram;

import autotrader.app.TraderDesk;
import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.rules.ModelSkill;
import autotrader.rules.RuleEngine;
import autotrader.rules.TradingGate;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import autotrader.testing.SkillRecords;
import autotrader.testing.TestRules;
import autotrader.trading.TradingSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import java.util.concurrent.atomic.AtomicReference;
import static autotrader.telegram.TelegramApprovalFlowTest.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The trader's control commands through the real bot and the real {@link TraderDesk}: paper broker
 * over the simulator, one SQLite file, only the Telegram server faked. Two positions, each with its
 * bracket's stop and take-profit working at the paper broker.
 */
@Timeout(60)
class TelegramControlTest {

    @TempDir
    Path dir;
    FakeTelegram tg;
    Store store;
    MutableClock clock;
    OrderManager orders;
    TelegramBot bot;
    StoredOrder one, two;
    /** The daemon's trading gate as /status and /signals read it; null (no trading loop) unless a test sets it. */
    final AtomicReference<TradingGate> gate = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        tg = new FakeTelegram();
        store = Store.open(dir.resolve("state.db"), 5000);
        clock = new MutableClock(NOON);
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, MARKET, MarketCalendar.nyse(), clock,
                new PaperBroker(store.jdbi(), MARKET, clock::instant, new PaperFillModel(5, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1), Notifier.log()),
                new AppConfig().risk, new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false), LastPrice.from(MARKET));
        orders = system.orders();
        ApprovalService approvals = system.approvals();
        TraderDesk desk = new TraderDesk("paper", store, orders, approvals, LastPrice.from(MARKET), clock, null, gate::get);
        bot = new TelegramBot(TelegramSettings.of(FakeTelegram.TOKEN, tg.url(), List.of(ANA, BEN), 0.01, EnumSet.allOf(AlertKind.class)),
                approvals, desk, store, clock);
        approvals.connect(bot);
        assertTrue(bot.start());
        one = bracket("SIM0001");
        two = bracket("SIM0002");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(OrderState.FILLED, orders.refresh(one.id()).state());
        assertEquals(OrderState.FILLED, orders.refresh(two.id()).state());
        assertEquals(2, openLegs("SIM0001").size(), "stop and take-profit working");
        assertEquals(2, openLegs("SIM0002").size(), "stop and take-profit working");
    }

    @AfterEach
    void stop() {
        bot.close();
        tg.close();
    }

    private StoredOrder bracket(String symbol) {
        double p = LastPrice.from(MARKET).at(symbol, NOON).orElseThrow();
        return orders.submit(OrderRequest.entry("t-" + symbol, symbol, Side.BUY, 10, EntryType.MARKET, null,
                BigDecimal.valueOf(p * 0.90).setScale(2, RoundingMode.HALF_UP), BigDecimal.valueOf(p * 1.10).setScale(2, RoundingMode.HALF_UP), null));
    }

    private List<StoredOrder> openLegs(String symbol) {
        return orders.repository().all("paper", 100).stream()
                .filter(o -> o.symbol().equals(symbol) && o.role().isChildLeg() && !o.state().isTerminal()).toList();
    }

    private List<StoredOrder> exits(String symbol) {
        return orders.repository().all("paper", 100).stream().filter(o -> o.symbol().equals(symbol) && o.role() == OrderRole.EXIT).toList();
    }

    /** The newest message in the chat whose text contains {@code part}, waiting for it. */
    private FakeTelegram.Stored reply(long chat, String part) throws InterruptedException {
        tg.await("a message with '" + part + "' in chat " + chat, WAIT, () -> tg.messagesIn(chat).stream().anyMatch(m -> m.text().contains(part)));
        List<FakeTelegram.Stored> all = tg.messagesIn(chat).stream().filter(m -> m.text().contains(part)).toList();
        return all.get(all.size() - 1);
    }

    private static String buttonLabel(FakeTelegram.Stored m) {
        return m.replyMarkup().get("inline_keyboard").get(0).get(0).get("text").asText();
    }

    private String pressAndWait(long chat, FakeTelegram.Stored m, String data) throws InterruptedException {
        String q = tg.press(chat, chat, m.messageId(), data);
        tg.await("answer to " + q, WAIT, () -> !tg.answersTo(q).isEmpty());
        return tg.answersTo(q).get(0);
    }

    @Test
    void aStrangersCommandsDoNothing() throws Exception {
        for (String c : List.of("/flatten", "/close SIM0001", "/pause", "/reload", "/trades")) tg.sendText(STRANGER, STRANGER, c);
        tg.sendText(ANA, ANA, "/help");
        reply(ANA, "/performance");       // the stranger's updates came before this one and were handled
        assertTrue(tg.messagesIn(STRANGER).isEmpty(), "no reply at all to a stranger");
        assertFalse(orders.flags().paused());
        assertTrue(exits("SIM0001").isEmpty());
        assertEquals(2, openLegs("SIM0001").size());
        int denied = store.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = 'telegram.denied' AND actor = ?")
                .bind(0, "telegram:" + STRANGER).mapTo(Integer.class).one());
        assertEquals(5, denied);
    }

    @Test
    void statusAndSignalsSayWhetherTheModelsBuysCanTrade() throws Exception {
        tg.sendText(ANA, ANA, "/status");
        assertTrue(reply(ANA, "Mode:").text().contains("trading: unknown here — no trading loop runs in this process"));

        // What the committed rules say of a weak model: asked of the rules themselves, as the daemon's loop does.
        try (var rules = RuleEngine.load(TestRules.committed(), new AppConfig().risk,
                Notifier.NONE)) {
            gate.set(TradingGate.probe(rules, ModelSkill.of("models/ensemble",
                    SkillRecords.record(0.011, 1.4)), NOON, MarketCalendar.nyse()));
        }
        tg.sendText(ANA, ANA, "/status");
        String status = reply(ANA, "trading: no").text();
        assertTrue(status.contains("trading: no — model models/ensemble lacks out-of-sample skill: IC t 1.40 < 3.00 (IC 0.011, "), status);
        assertTrue(status.contains("; signals are still scanned, decided and shown"), status);
        tg.sendText(ANA, ANA, "/signals");
        String signals = reply(ANA, "No signals yet.").text();
        assertTrue(signals.startsWith("trading: no — model models/ensemble lacks out-of-sample skill"), "no intents, and why: " + signals);
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        tg.sendText(ANA, ANA, "/help");
        String help = reply(ANA, "Commands:").text();
        for (String c : List.of("/pause", "/resume", "/flatten", "/close SYMBOL", "/trades", "/profit", "/daily", "/performance", "/reload",
                "/status", "/help")) {
            assertTrue(help.contains(c), c + " missing from: " + help);
        }
    }

    @Test
    void flattenWaitsForTheConfirmButtonOfTheChatThatAsked() throws Exception {
        tg.sendText(ANA, ANA, "/flatten");
        FakeTelegram.Stored ask = reply(ANA, "Flatten");
        assertEquals("Confirm flatten", buttonLabel(ask));
        assertFalse(orders.flags().paused(), "nothing happens before the confirmation");
        assertEquals(2, openLegs("SIM0002").size());

        String data = ask.buttons().get(0);
        assertTrue(pressAndWait(BEN, ask, data).contains("Only the chat that asked"));
        assertFalse(orders.flags().paused());

        assertTrue(pressAndWait(ANA, ask, data).startsWith("Done"));
        assertTrue(orders.flags().paused());
        for (String s : List.of("SIM0001", "SIM0002")) {
            assertTrue(openLegs(s).isEmpty(), s + " legs canceled");
            assertEquals(1, exits(s).size(), s + " one market exit");
            assertEquals(10, exits(s).get(0).quantity());
        }
        tg.await("the question is edited to the result", WAIT, () -> tg.message(ANA, ask.messageId()).text().contains("Confirmed by")
                && tg.message(ANA, ask.messageId()).buttons().isEmpty());
        assertTrue(pressAndWait(ANA, ask, data).contains("Nothing to confirm"), "a second press does nothing");
        assertEquals(1, exits("SIM0001").size());
    }

    @Test
    void closeOneSymbolCancelsItsLegsAndLeavesTheOtherPosition() throws Exception {
        tg.sendText(ANA, ANA, "/close sim0001");
        FakeTelegram.Stored ask = reply(ANA, "Close SIM0001");
        assertEquals("Confirm close SIM0001", buttonLabel(ask));
        assertTrue(ask.text().contains("sell 10 at market"), ask.text());
        assertEquals(2, openLegs("SIM0001").size(), "nothing canceled before the confirmation");

        assertTrue(pressAndWait(ANA, ask, ask.buttons().get(0)).startsWith("Done"));
        assertTrue(openLegs("SIM0001").isEmpty(), "SIM0001's stop and take-profit are canceled");
        StoredOrder exit = exits("SIM0001").get(0);
        assertEquals(Side.SELL, exit.side());
        assertEquals(10, exit.quantity());
        assertEquals(2, openLegs("SIM0002").size(), "SIM0002's legs keep working");
        assertTrue(exits("SIM0002").isEmpty());
        assertFalse(orders.flags().paused(), "closing one position is not a pause");

        clock.advance(Duration.ofMinutes(1));
        assertEquals(OrderState.FILLED, orders.refresh(exit.id()).state());
        assertEquals(List.of("SIM0002"), orders.repository().positions("paper").stream().map(OrderRepository.BookPosition::symbol).toList());
        tg.sendText(ANA, ANA, "/trades");
        assertTrue(reply(ANA, "Closed trades").text().contains("LONG SIM0001 10"));
        tg.sendText(ANA, ANA, "/performance");
        assertTrue(reply(ANA, "Performance per symbol").text().contains("SIM0001: "));
    }

    @Test
    void aConfirmationExpiresAfterSixtySeconds() throws Exception {
        tg.sendText(ANA, ANA, "/close SIM0002");
        FakeTelegram.Stored ask = reply(ANA, "Close SIM0002");
        clock.advance(ControlCommands.CONFIRM_FOR.plusSeconds(1));
        assertTrue(pressAndWait(ANA, ask, ask.buttons().get(0)).startsWith("Expired"));
        assertTrue(exits("SIM0002").isEmpty());
        assertEquals(2, openLegs("SIM0002").size());
    }

    @Test
    void closeWithoutAPositionOrSymbolAsksNothing() throws Exception {
        tg.sendText(ANA, ANA, "/close ZZZ");
        assertEquals("No open position in ZZZ.", reply(ANA, "ZZZ").text());
        tg.sendText(ANA, ANA, "/close");
        assertTrue(reply(ANA, "Usage: /close").buttons().isEmpty());
    }

    @Test
    void reloadSaysThereIsNoEngineWhereNoneRuns() throws Exception {
        tg.sendText(ANA, ANA, "/reload");
        assertTrue(reply(ANA, "Reload").text().contains("not available"));
    }
}
