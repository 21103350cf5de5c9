package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;
import autotrader.approvals.PendingIntent;
import autotrader.rules.ModelSkill;
import autotrader.rules.TradingGate;
import autotrader.store.Store;
import autotrader.testing.SkillRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import java.util.concurrent.atomic.AtomicReference;
import static org.junit.jupiter.api.Assertions.*;

/** The real telegrambots library (long polling + OkHttp client) against a fake Bot API server on 127.0.0.1. */
@Timeout(60)
class TelegramBotTest {

    static final long ANA = 111L;
    static final long BEN = 222L;
    static final long STRANGER = 999L;
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    FakeTelegram tg;
    FakeApprovals approvals;
    FakeCommands commands;
    Store store;
    TelegramBot bot;

    @BeforeEach
    void start() throws Exception {
        tg = new FakeTelegram();
        approvals = new FakeApprovals();
        commands = new FakeCommands();
        store = Store.open(dir.resolve("state.db"), 2000);
        bot = newBot(EnumSet.allOf(AlertKind.class));
        assertTrue(bot.start(), "polling starts against the fake server");
    }

    private TelegramBot newBot(EnumSet<AlertKind> alerts) {
        TelegramSettings s = TelegramSettings.of(FakeTelegram.TOKEN, tg.url(), List.of(ANA, BEN), 0.01, alerts);
        return new TelegramBot(s, approvals, commands, store);
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.close();   // before the server: see the noise note in TELEGRAM.md
        tg.close();
    }

    /** Offers the intent and waits until both allowed chats have its message; returns {ana's, ben's}. */
    private FakeTelegram.Stored[] offered(PendingIntent p) throws InterruptedException {
        bot.offer(p);
        tg.await("the intent's message in both chats", WAIT, () -> withButtons(ANA, p.intentId()) != null && withButtons(BEN, p.intentId()) != null);
        return new FakeTelegram.Stored[]{withButtons(ANA, p.intentId()), withButtons(BEN, p.intentId())};
    }

    private FakeTelegram.Stored withButtons(long chat, long id) {
        return tg.messagesIn(chat).stream().filter(m -> m.buttons().contains("a:" + id)).findFirst().orElse(null);
    }

    private void awaitAnswered(String qid) throws InterruptedException {
        tg.await("answer to " + qid, WAIT, () -> !tg.answersTo(qid).isEmpty());
    }

    private void awaitEdited(FakeTelegram.Stored m, String contains) throws InterruptedException {
        tg.await("message " + m.messageId() + " in chat " + m.chatId() + " edited to contain '" + contains + "'", WAIT, () -> {
            FakeTelegram.Stored now = tg.message(m.chatId(), m.messageId());
            return now.text().contains(contains) && now.buttons().isEmpty();
        });
    }

    private List<Map<String, Object>> audit() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT actor, action, detail FROM audit_log ORDER BY id").mapToMap().list());
    }

    @Test
    void anIntentIsShownToEveryAllowedChatWithButtonsAndTheFigures() throws Exception {
        PendingIntent p = approvals.add(12, "AAPL", 10, 228.40);
        FakeTelegram.Stored[] m = offered(p);
        for (FakeTelegram.Stored s : m) {
            assertEquals(List.of("a:12", "r:12"), s.buttons());
            String t = s.text();
            for (String expected : List.of("BUY 10 AAPL", "#12", "Price 228.40", "LIMIT 228.00", "Confidence 82%", "expected return +1.80%",
                    "risk score 4/10", "horizon 1h", "Stop-loss 223.83", "take-profit 235.25", "Why: confidence ok; stop: k sigma below entry",
                    "Expires 11:05:00 ET", "more than 1.0%")) {
                assertTrue(t.contains(expected), "'" + expected + "' in:\n" + t);
            }
        }
        assertTrue(tg.messagesIn(STRANGER).isEmpty());
    }

    @Test
    void eachTradeCarriesTheModelsOutOfSampleRecordAtItsConfidence() throws Exception {
        var skill = ModelSkill.of("models/ensemble", SkillRecords.record(0.031, 4.2));
        var model = new AtomicReference<>(new TradingGate(skill, List.of(), "abc123"));
        bot.showsEvidenceFrom(model::get);
        FakeTelegram.Stored[] m = offered(approvals.add(12, "AAPL", 10, 228.40));     // confidence 0.82
        for (FakeTelegram.Stored s : m) {
            assertTrue(s.text().contains("Evidence: such trades (confidence 0.80-1.00) won 61 % of 97 out of sample, mean +0.34 % after costs\n"),
                    s.text());
        }
        model.set(new TradingGate(ModelSkill.unknown("models/ensemble"), List.of(), "abc123"));
        FakeTelegram.Stored[] none = offered(approvals.add(13, "MSFT", 5, 410.0));
        assertTrue(none[0].text().contains("Evidence: no out-of-sample record for this confidence"), none[0].text());
    }

    @Test
    void approveSubmitsOnceEditsEveryMessageAndAnswersThePress() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(12, "AAPL", 10, 228.40));
        String q = tg.press(ANA, ANA, m[0].messageId(), "a:12");
        awaitAnswered(q);
        awaitEdited(m[0], "APPROVED by telegram:111");
        awaitEdited(m[1], "APPROVED by telegram:111");
        assertEquals(List.of("Approved: order ORD-12 submitted"), tg.answersTo(q));
        assertEquals(1, approvals.approveCalls.get());
        assertEquals(List.of("ORD-12"), approvals.orders);
        assertTrue(tg.message(ANA, m[0].messageId()).text().contains("order ORD-12 submitted"));
        assertTrue(tg.message(ANA, m[0].messageId()).text().startsWith("BUY 10 AAPL"), "the proposal stays above the outcome");
        assertTrue(audit().stream().anyMatch(r -> r.get("action").equals("telegram.approve") && r.get("actor").equals("telegram:111")));
    }

    @Test
    void rejectRecordsItAndRemovesTheButtons() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(13, "MSFT", 5, 410.00));
        String q = tg.press(BEN, BEN, m[1].messageId(), "r:13");
        awaitAnswered(q);
        awaitEdited(m[0], "REJECTED by telegram:222");
        awaitEdited(m[1], "REJECTED by telegram:222");
        assertEquals(List.of("Rejected"), tg.answersTo(q));
        assertEquals(1, approvals.rejectCalls.get());
        assertEquals(0, approvals.approveCalls.get());
        assertTrue(approvals.orders.isEmpty());
    }

    @Test
    void theSweepEditsTheMessagesOfExpiredIntents() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(14, "NVDA", 3, 120.00));
        assertEquals(0, bot.expireStale(), "nothing is due yet");
        approvals.now = approvals.now.plus(Duration.ofMinutes(6));
        assertEquals(1, bot.expireStale());
        awaitEdited(m[0], "expired: not approved within 5 minutes");
        awaitEdited(m[1], "expired: not approved within 5 minutes");
        assertEquals(0, bot.expireStale(), "an intent expires once");
        // a late press is answered, changes nothing and places no order
        String q = tg.press(ANA, ANA, m[0].messageId(), "a:14");
        awaitAnswered(q);
        assertTrue(tg.answersTo(q).get(0).startsWith("Already expired"), tg.answersTo(q).toString());
        assertTrue(approvals.orders.isEmpty());
    }

    @Test
    void aPriceThatMovedTooFarExpiresTheIntentOnApprove() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(15, "TSLA", 4, 180.00));
        approvals.priceMoved(15, "price moved 1.40% from 180.00 to 182.52 (limit 1.00%)");
        String q = tg.press(ANA, ANA, m[0].messageId(), "a:15");
        awaitAnswered(q);
        awaitEdited(m[0], "expired: price moved 1.40% from 180.00 to 182.52");
        awaitEdited(m[1], "expired: price moved 1.40%");
        assertEquals("Expired: price moved 1.40% from 180.00 to 182.52 (limit 1.00%)", tg.answersTo(q).get(0));
        assertTrue(approvals.orders.isEmpty());
    }

    @Test
    void doublePressesAndDuplicateDeliveriesGiveOneOrderAndEveryPressOneAnswer() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(16, "AMD", 7, 160.00));
        String first = tg.pressDeliveredThrice(ANA, ANA, m[0].messageId(), "a:16");   // same update twice + a redelivery
        awaitAnswered(first);
        awaitEdited(m[1], "APPROVED by telegram:111");
        String second = tg.press(ANA, ANA, m[0].messageId(), "a:16");                // double tap
        String otherDevice = tg.press(BEN, BEN, m[1].messageId(), "a:16");           // the other chat, stale buttons
        awaitAnswered(second);
        awaitAnswered(otherDevice);

        assertEquals(List.of("ORD-16"), approvals.orders, "one order, whatever the presses");
        assertEquals(3, approvals.approveCalls.get(), "one approve call per distinct press, none for a duplicate delivery");
        assertEquals(1, tg.answersTo(first).size(), "a press delivered three times is answered once");
        assertEquals(1, tg.answersTo(second).size());
        assertEquals(1, tg.answersTo(otherDevice).size());
        assertTrue(tg.answersTo(second).get(0).startsWith("Already approved by telegram:111 at 11:00:00 ET"), tg.answersTo(second).toString());
        assertTrue(tg.answersTo(otherDevice).get(0).startsWith("Already approved by telegram:111"), tg.answersTo(otherDevice).toString());
        // the messages keep the first outcome
        assertTrue(tg.message(BEN, m[1].messageId()).text().contains("APPROVED by telegram:111"));
        assertFalse(tg.message(BEN, m[1].messageId()).text().contains("already"));
    }

    @Test
    void aStrangerIsIgnoredAnsweredNotAllowedAndAudited() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(17, "META", 2, 500.00));
        String q = tg.press(STRANGER, STRANGER, m[0].messageId(), "a:17");
        tg.sendText(STRANGER, STRANGER, "/approve 17");
        tg.sendText(STRANGER, STRANGER, "/status");
        awaitAnswered(q);
        // a command from an allowed chat afterwards proves the stranger's updates were handled (updates are serial)
        tg.sendText(ANA, ANA, "/help");
        tg.await("help reply", WAIT, () -> tg.messagesIn(ANA).stream().anyMatch(s -> s.text().startsWith("Commands:")));

        assertEquals(List.of("Not allowed."), tg.answersTo(q));
        assertEquals(0, approvals.approveCalls.get());
        assertTrue(approvals.orders.isEmpty());
        assertTrue(commands.calls.isEmpty());
        assertTrue(tg.messagesIn(STRANGER).isEmpty(), "nothing is sent to a stranger");
        assertEquals(List.of("a:17", "r:17"), tg.message(ANA, m[0].messageId()).buttons(), "the buttons stay");
        List<Map<String, Object>> denied = audit().stream().filter(r -> "telegram.denied".equals(r.get("action"))).toList();
        assertEquals(3, denied.size(), denied.toString());
        assertTrue(denied.stream().allMatch(r -> r.get("actor").equals("telegram:999")));
        assertTrue(denied.get(0).get("detail").toString().contains("a:17"));
    }

    @Test
    void commandsReachThePortsAndReplyInTheChat() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(12, "AAPL", 10, 228.40));
        tg.sendText(ANA, ANA, "/status");
        tg.sendText(ANA, ANA, "/pnl week");
        tg.sendText(ANA, ANA, "/pnl month");
        tg.sendText(ANA, ANA, "/pause@test_trade_bot");
        tg.sendText(ANA, ANA, "/approve 12");
        tg.sendText(ANA, ANA, "/approve twelve");
        tg.await("six replies", WAIT, () -> tg.messagesIn(ANA).size() >= 7);
        List<String> replies = tg.messagesIn(ANA).stream().skip(1).map(FakeTelegram.Stored::text).toList();
        assertTrue(replies.get(0).startsWith("PAPER mode, running"), replies.get(0));
        assertEquals("P&L week: +123.45", replies.get(1));
        assertEquals("Usage: /pnl [today|week|all]", replies.get(2));
        assertEquals("Paused by telegram:111: no new entries.", replies.get(3));
        assertTrue(replies.get(4).startsWith("Intent #12: ✅ APPROVED by telegram:111"), replies.get(4));
        assertTrue(replies.get(5).startsWith("Usage: /approve <intent id>"), replies.get(5));
        assertEquals(List.of("status", "pnl WEEK", "pause telegram:111"), commands.calls);
        assertEquals(List.of("ORD-12"), approvals.orders);
        awaitEdited(m[0], "APPROVED by telegram:111");
        awaitEdited(m[1], "APPROVED by telegram:111");
        assertTrue(audit().stream().anyMatch(r -> r.get("action").equals("telegram.pause")));
    }

    @Test
    void a429IsRetriedAfterRetryAfterWithoutBlockingTheCaller() throws Exception {
        tg.tooManyRequests("sendmessage", 1, 1);
        long t0 = System.nanoTime();
        bot.alert(AlertKind.FILL, "Bought 10 AAPL at 228.40");
        long callerMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(callerMs < 500, "alert() returned after " + callerMs + " ms");
        tg.await("the alert in both chats", WAIT, () -> tg.messagesIn(ANA).size() == 1 && tg.messagesIn(BEN).size() == 1);
        List<FakeTelegram.Call> sends = tg.calls("sendmessage");
        assertEquals(3, sends.size(), "429, its retry, then the second chat");
        assertEquals(sends.get(0).body().path("chat_id").asText(), sends.get(1).body().path("chat_id").asText());
        long gap = Duration.between(sends.get(0).at(), sends.get(1).at()).toMillis();
        assertTrue(gap >= 1000, "retried after " + gap + " ms, before retry_after (1 s)");
        assertTrue(tg.messagesIn(ANA).get(0).text().contains("Fill\nBought 10 AAPL at 228.40"), tg.messagesIn(ANA).get(0).text());
    }

    @Test
    void alertsSwitchedOffAreNotSentAndRefusedRulesAreAlerted() throws Exception {
        bot.close();
        bot = newBot(EnumSet.complementOf(EnumSet.of(AlertKind.DAILY_SUMMARY)));
        assertTrue(bot.start());
        bot.alert(AlertKind.DAILY_SUMMARY, "P&L today +120");
        bot.alert(AlertKind.RULES_REFUSED, "rules/filter.drl line 12: unexpected token");   // as the rule engine sends it
        tg.await("the rules alert", WAIT, () -> tg.messagesIn(ANA).size() == 1 && tg.messagesIn(BEN).size() == 1);
        assertTrue(tg.messagesIn(ANA).get(0).text().contains("Rules refused\nrules/filter.drl line 12"), tg.messagesIn(ANA).get(0).text());
        assertEquals(2, tg.calls("sendmessage").size(), "the daily summary was never sent (sends are in order)");
    }

    @Test
    void afterARestartTheSweepStillEditsTheMessagesSentBefore() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(18, "GOOG", 6, 170.00));
        bot.close();
        bot = newBot(EnumSet.allOf(AlertKind.class));   // same database, fresh process state
        assertTrue(bot.start());
        approvals.now = approvals.now.plus(Duration.ofMinutes(10));
        assertEquals(1, bot.expireStale());
        awaitEdited(m[0], "expired: not approved within 5 minutes");
        awaitEdited(m[1], "expired: not approved within 5 minutes");
    }

    @Test
    void whilePausedAPressSendsNothingAndKeepsTheButtons() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(21, "ORCL", 8, 140.00));
        approvals.paused = true;
        String q = tg.press(ANA, ANA, m[0].messageId(), "a:21");
        awaitAnswered(q);
        assertEquals(List.of("Trading is paused: nothing sent. /resume first."), tg.answersTo(q));
        approvals.paused = false;
        String again = tg.press(ANA, ANA, m[0].messageId(), "a:21");
        awaitAnswered(again);
        awaitEdited(m[0], "APPROVED by telegram:111");
        assertEquals(List.of("ORD-21"), approvals.orders);
        assertEquals(1, tg.message(ANA, m[0].messageId()).edits(), "the paused press did not edit the message");
    }

    @Test
    void anUnknownIntentIsAnsweredAndItsButtonsRemoved() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(22, "IBM", 1, 200.00));
        String q = tg.press(ANA, ANA, m[0].messageId(), "a:9999");   // a button naming an intent the service does not know
        awaitAnswered(q);
        assertEquals(List.of("Intent #9999 not found"), tg.answersTo(q));
        awaitEdited(m[0], "intent #9999 not found: nothing was done");
        assertTrue(approvals.orders.isEmpty());
    }

    @Test
    void aPressOnAnInaccessibleMessageStillWorksFromTheRegistry() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(23, "QCOM", 3, 150.00));
        String q = tg.pressInaccessible(ANA, ANA, m[0].messageId(), "a:23");
        awaitAnswered(q);
        awaitEdited(m[0], "APPROVED by telegram:111");
        assertTrue(tg.message(ANA, m[0].messageId()).text().startsWith("BUY 3 QCOM"), "the proposal text came from the registry");
        assertEquals(List.of("ORD-23"), approvals.orders);
    }

    @Test
    void anApproveErrorIsAnsweredAndNotRetried() throws Exception {
        FakeTelegram.Stored[] m = offered(approvals.add(19, "INTC", 50, 30.00));
        approvals.failApprove = new IllegalStateException("broker unreachable");
        String q = tg.press(ANA, ANA, m[0].messageId(), "a:19");
        awaitAnswered(q);
        assertEquals(List.of("Error: broker unreachable (nothing retried)"), tg.answersTo(q));
        assertEquals(1, approvals.approveCalls.get());
        assertEquals(List.of("a:19", "r:19"), tg.message(ANA, m[0].messageId()).buttons(), "the buttons stay: pressing again is safe");
    }

    @Test
    void aConflictOnGetUpdatesIsCountedAndPollingGoesOn() throws Exception {
        tg.conflictOnPolls(1);
        tg.await("a 409 seen by the bot", WAIT, () -> bot.conflicts() >= 1);
        tg.sendText(ANA, ANA, "/signals");
        tg.await("the signals reply after the conflict", Duration.ofSeconds(20),
                () -> tg.messagesIn(ANA).stream().anyMatch(s -> s.text().startsWith("AAPL BUY 0.82")));
    }

    @Test
    void aStartAttemptAgainstAServerThatNeverAnswersGivesUpAfterTenSecondsNotTheLongPollTimeout() throws Exception {
        bot.close();
        // a black hole: accepts the connection, reads the request, never answers
        try (ServerSocket hole = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread accept = new Thread(() -> {
                java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) held.add(hole.accept());
                } catch (java.io.IOException closed) {
                    held.forEach(c -> {
                        try {
                            c.close();
                        } catch (java.io.IOException ignored) {
                            // closing a socket nobody answered
                        }
                    });
                }
            }, "black-hole");
            accept.setDaemon(true);
            accept.start();
            bot = new TelegramBot(TelegramSettings.of(FakeTelegram.TOKEN, new TelegramUrl("http", "127.0.0.1", hole.getLocalPort(), false),
                    List.of(ANA), 0.01, EnumSet.allOf(AlertKind.class)).withRestartDelay(Duration.ofSeconds(60)), approvals, commands, store);
            long t0 = System.nanoTime();
            assertFalse(bot.start(), "not polling, and no exception");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds >= 9 && seconds < 30, "gave up after " + seconds + " s, not after the long-poll timeout (100 s)");
        }
    }

    @Test
    void telegramDownAtStartDoesNotThrowAndPollingStartsWhenItIsBack() throws Exception {
        bot.close();
        tg.close();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();   // nothing listens there until the fake server comes back
        }
        TelegramSettings s = TelegramSettings.of(FakeTelegram.TOKEN, new TelegramUrl("http", "127.0.0.1", port, false),
                List.of(ANA), 0.01, EnumSet.allOf(AlertKind.class)).withRestartDelay(Duration.ofMillis(200));
        bot = new TelegramBot(s, approvals, commands, store);
        assertFalse(bot.start(), "not polling, but no exception");
        long t0 = System.nanoTime();
        bot.offer(approvals.add(20, "AAPL", 1, 228.40));
        bot.alert(AlertKind.JOB_ERROR, "scan failed");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 500, "the caller is not blocked while Telegram is down");
        assertEquals(1, approvals.pending().size(), "the intent is still pending in the approval service");

        tg = new FakeTelegram(port);   // Telegram is back
        // an attempt that met the server half up can wait out its 10 s start-call timeout first
        tg.await("polling restarted", Duration.ofSeconds(30), () -> bot.isPolling() && !tg.calls("getupdates").isEmpty());
        tg.sendText(ANA, ANA, "/pending");
        tg.await("the pending list", WAIT, () -> tg.messagesIn(ANA).stream().anyMatch(m -> m.text().contains("#20 BUY 1 AAPL @ 228.40")));
    }
}
