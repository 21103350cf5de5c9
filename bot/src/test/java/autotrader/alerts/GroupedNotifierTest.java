package autotrader.alerts;

import autotrader.approvals.ManualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Grouping of repeated warnings, on a clock and timer the test moves by hand. */
class GroupedNotifierTest {

    record Sent(AlertKind kind, String text) {
    }

    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    final ManualTime time = new ManualTime();
    final GroupedNotifier grouped = new GroupedNotifier((k, t) -> sent.add(new Sent(k, t)), Duration.ofSeconds(60), time, time);

    private void reconciliationErrors(int n) {
        for (int i = 0; i < n; i++) {
            grouped.alert(AlertKind.JOB_ERROR, "reconciliation: read order " + (40 + i) + ": Schwab GET /orders/" + (1001234567890L + i)
                    + " answered HTTP 503");
            time.advance(Duration.ofSeconds(2));
        }
    }

    @Test
    void thirteenErrorsOfOneCauseAreTheFirstAtOnceThenOneFollowUpWithTheCountAndTheLatestText() {
        reconciliationErrors(13);
        assertEquals(1, sent.size(), "only the first goes out at once: " + sent);
        assertTrue(sent.get(0).text().contains("read order 40:"), sent.toString());

        time.advance(Duration.ofSeconds(60));   // the window ends with no further alert: the timer sends the follow-up
        assertEquals(2, sent.size(), sent.toString());
        assertEquals(AlertKind.JOB_ERROR, sent.get(1).kind());
        assertTrue(sent.get(1).text().startsWith("(12 more like this in the last 60 s) "), sent.get(1).text());
        assertTrue(sent.get(1).text().endsWith("read order 52: Schwab GET /orders/1001234567902 answered HTTP 503"), "the latest text");

        time.advance(Duration.ofMinutes(5));
        assertEquals(2, sent.size(), "a quiet window ends the group without a message");
        assertEquals(0, time.pendingTasks());
        reconciliationErrors(1);
        assertEquals(3, sent.size(), "after a quiet window the cause is news again");
    }

    @Test
    void differentCausesAreSeparateMessagesAndNumbersDoNotMakeANewCause() {
        grouped.alert(AlertKind.JOB_ERROR, "position AAPL: broker holds 10, our book 5");
        grouped.alert(AlertKind.JOB_ERROR, "position MSFT: broker holds 3, our book 0");
        grouped.alert(AlertKind.JOB_ERROR, "position AAPL: broker holds 12, our book 5");
        grouped.alert(AlertKind.ORDER_REJECTED, "position AAPL: broker holds 10, our book 5");   // another kind: another cause
        grouped.alert(AlertKind.TOKEN_EXPIRY, "Schwab login needed: the token endpoint refused the refresh token.");
        assertEquals(4, sent.size(), sent.toString());
        time.advance(Duration.ofSeconds(60));
        assertEquals(5, sent.size(), sent.toString());
        assertEquals("(1 more like this in the last 60 s) position AAPL: broker holds 12, our book 5", sent.get(4).text());
        assertEquals("position AAPL: broker holds #, our book #", GroupedNotifier.cause("position AAPL: broker holds 10, our book 5"));
    }

    @Test
    void fillsStopsTargetsAndSummariesAreDistinctEventsAndNeverGrouped() {
        for (int i = 0; i < 3; i++) {
            grouped.alert(AlertKind.FILL, "Filled: bought 10 AAPL at 228.40 (order 7)");
            grouped.alert(AlertKind.STOP_LOSS, "Stop-loss hit: sold 10 AAPL at 223.80 (order 9)");
            grouped.alert(AlertKind.TAKE_PROFIT, "Take-profit hit: sold 10 MSFT at 410.00 (order 11)");
            grouped.alert(AlertKind.DAILY_SUMMARY, "Daily summary 2026-03-02");
        }
        assertEquals(12, sent.size(), sent.toString());
        assertEquals(0, time.pendingTasks(), "nothing held, nothing to flush");
    }

    @Test
    void aCauseThatKeepsRepeatingCostsOneMessagePerWindow() {
        for (int i = 0; i < 12; i++) {           // every 15 s for 3 minutes
            grouped.alert(AlertKind.JOB_ERROR, "job monitor failed: HTTP 401 at 10:" + (10 + i));
            time.advance(Duration.ofSeconds(15));
        }
        time.advance(Duration.ofSeconds(120));
        // t=0 the first; follow-ups at t=60 (15..45 held back), 120 (60..105) and 180 (120..165); 180..240 is quiet
        assertEquals(4, sent.size(), sent.toString());
        assertTrue(sent.stream().skip(1).allMatch(s -> s.text().matches("\\(\\d+ more like this in the last 60 s\\) job monitor failed: .*")),
                sent.toString());
        int counted = sent.stream().skip(1).mapToInt(s -> Integer.parseInt(s.text().substring(1, s.text().indexOf(' ')))).sum();
        assertEquals(12, 1 + counted, "every alert is in a message or a count");
    }

    @Test
    void closeSendsWhatIsHeldBackAndAfterwardsEverythingPassesStraightThrough() {
        grouped.alert(AlertKind.JOB_ERROR, "job cycle failed: timeout after 30 s");
        time.advance(Duration.ofSeconds(5));
        grouped.alert(AlertKind.JOB_ERROR, "job cycle failed: timeout after 31 s");
        grouped.alert(AlertKind.JOB_ERROR, "job cycle failed: timeout after 32 s");
        time.advance(Duration.ofSeconds(5));
        grouped.close();
        assertEquals(List.of(new Sent(AlertKind.JOB_ERROR, "job cycle failed: timeout after 30 s"),
                new Sent(AlertKind.JOB_ERROR, "(2 more like this in the last 10 s) job cycle failed: timeout after 32 s")), sent);
        time.advance(Duration.ofSeconds(60));
        assertEquals(2, sent.size(), "the window's timer finds nothing left to send");
        grouped.alert(AlertKind.JOB_ERROR, "job cycle failed: timeout after 33 s");
        assertEquals(3, sent.size(), "after close nothing is held back");
    }

    @Test
    void theDaemonsOwnTimerSendsTheFollowUpOnItsOwn() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        try (GroupedNotifier real = new GroupedNotifier((k, t) -> out.add(t), Duration.ofMillis(200))) {
            for (int i = 0; i < 5; i++) real.alert(AlertKind.JOB_ERROR, "job reconcile failed: HTTP 50" + i);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (out.size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(2, out.size(), out.toString());
            assertTrue(out.get(1).startsWith("(4 more like this in the last "), out.get(1));
        }
    }
}
