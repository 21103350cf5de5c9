package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.alerts.GroupedNotifier;
import autotrader.approvals.ManualTime;
import autotrader.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the trader's phone gets when a reconciliation fails order after order: the grouping notifier
 * in front of the real TelegramBot, counted at the fake Bot API server. The window's end is a step
 * of the test's clock (no sleeps); the bot's close drains its outbox, so the counts are final.
 */
@Timeout(60)
class GroupedAlertsTelegramTest {

    static final long ANA = 111L;
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    FakeTelegram tg;
    TelegramBot bot;
    ManualTime time = new ManualTime();
    GroupedNotifier grouped;

    @BeforeEach
    void start() throws Exception {
        tg = new FakeTelegram();
        Store store = Store.open(dir.resolve("state.db"), 2000);
        bot = new TelegramBot(TelegramSettings.of(FakeTelegram.TOKEN, tg.url(), List.of(ANA), 0.01, EnumSet.allOf(AlertKind.class)),
                new FakeApprovals(), new FakeCommands(), store);
        assertTrue(bot.start());
        grouped = new GroupedNotifier(bot, GroupedNotifier.DEFAULT_WINDOW, time, time);
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.close();
        tg.close();
    }

    /** What one reconciliation alerts (sent as JOB_ERROR here; the order layer sends them as ORDER_PROBLEM) when every order read fails the same way. */
    private void failedReconciliation() {
        for (int i = 0; i < 13; i++) {
            grouped.alert(AlertKind.JOB_ERROR, "reconciliation: read order " + (101 + i) + ": Schwab GET /trader/v1/accounts/E5B8/orders/"
                    + (1001234567890L + i) + " failed after 3 retries: HTTP 503");
        }
    }

    private List<String> sent() {
        return tg.messagesIn(ANA).stream().map(FakeTelegram.Stored::text).toList();
    }

    @Test
    void thirteenErrorsOfOneCauseInAWindowAreTwoMessagesTheFirstAndOneWithTwelveMore() throws Exception {
        failedReconciliation();
        tg.await("the first error", WAIT, () -> sent().size() == 1);
        time.advance(Duration.ofSeconds(60));
        tg.await("the follow-up", WAIT, () -> sent().size() == 2);
        time.advance(Duration.ofSeconds(60));   // a quiet window: nothing more
        grouped.close();
        bot.close();

        List<String> texts = sent();
        assertEquals(2, texts.size(), String.join("\n---\n", texts));
        assertTrue(texts.get(0).contains("Job stopped by an error\nreconciliation: read order 101:"), texts.get(0));
        assertTrue(texts.get(1).contains("(12 more like this in the last 60 s) reconciliation: read order 113:"), texts.get(1));
        assertEquals(2, tg.calls("sendmessage").size());
    }

    @Test
    void twoDifferentCausesAreSeparateMessagesAndFillsAreNeverHeldBack() throws Exception {
        failedReconciliation();
        grouped.alert(AlertKind.JOB_ERROR, "position found only at the broker: 10 XYZ (reported, never traded automatically)");
        grouped.alert(AlertKind.FILL, "Filled: bought 5 XYZ at 14.97 (order 7)");
        grouped.alert(AlertKind.FILL, "Filled: bought 5 XYZ at 14.97 (order 8)");
        tg.await("four messages at once", WAIT, () -> sent().size() == 4);
        time.advance(Duration.ofSeconds(60));
        grouped.close();
        bot.close();

        List<String> texts = sent();
        assertEquals(5, texts.size(), String.join("\n---\n", texts));
        assertEquals(2, texts.stream().filter(t -> t.contains("reconciliation: read order")).count(), "the first and one follow-up");
        assertEquals(1, texts.stream().filter(t -> t.contains("12 more like this")).count());
        assertEquals(1, texts.stream().filter(t -> t.contains("position found only at the broker")).count(), "its own message, not counted");
        assertEquals(2, texts.stream().filter(t -> t.contains("Fill\nFilled: bought 5 XYZ")).count(), "each fill is its own message");
    }
}
