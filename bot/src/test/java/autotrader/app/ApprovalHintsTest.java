package autotrader.app;

import autotrader.approvals.ApprovalChannel;
import autotrader.approvals.PendingIntent;
import autotrader.store.JobRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the terminal says when an intent is proposed, and which market time the shell's approve uses on the sim. */
class ApprovalHintsTest {

    private static PendingIntent intent() {
        Instant t = Instant.parse("2024-06-12T16:00:00Z");
        return new PendingIntent(12, "XYZ", "BUY", 5, "MARKET", 10, Double.NaN, 9.5, 11, 0, 0.8, 1, 4, "1h", List.of(), t,
                t.plusSeconds(18_000), 10);
    }

    @Test
    void theLineSaysHowToApproveAndUntilWhenOnTheTradersClock() {
        Instant wall = Instant.parse("2026-12-02T19:05:30Z");
        ApprovalHints hints = new ApprovalHints(ApprovalChannel.NONE, () -> "http://127.0.0.1:8321/", p -> wall);
        assertEquals("intent 12: BUY 5 XYZ waits for your decision until 14:05:30 ET (your clock): `autotrader approve 12` or "
                + "`autotrader reject 12`, or Execute on the desk at http://127.0.0.1:8321/", hints.line(intent()));
        ApprovalHints noDesk = new ApprovalHints(ApprovalChannel.NONE, () -> null, p -> wall);
        assertEquals("intent 12: BUY 5 XYZ waits for your decision until 14:05:30 ET (your clock): `autotrader approve 12` or "
                + "`autotrader reject 12`", noDesk.line(intent()));
    }

    @Test
    void theShellsMarketTimeOnTheSimIsTheDaemonsClockMovedOnAtItsSpeed() {
        Instant beat = Instant.parse("2026-12-02T19:00:00Z"), market = Instant.parse("2024-06-12T15:00:00Z");
        var alive = new JobRepository.Heartbeat(1, beat.minusSeconds(60), beat, market, "simulated x60.0", "paper", null);
        assertEquals(market.plusSeconds(600), MarketNow.simulatedNow(alive, beat.plusSeconds(10)), "10 wall s at 60x");
        var stopped = new JobRepository.Heartbeat(1, beat.minusSeconds(60), beat, market, "simulated x60.0", "paper", beat.plusSeconds(1));
        assertEquals(market, MarketNow.simulatedNow(stopped, beat.plusSeconds(10)), "a stopped sim stays where it stopped");
        assertEquals(market, MarketNow.simulatedNow(alive, beat.plusSeconds(60)), "a daemon silent for a minute is not extrapolated");
    }
}
