package autotrader.telegram;

import autotrader.approvals.PendingIntent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The approval message says when a trade with a holding limit is closed. */
class ProposalTextTest {

    private static final Instant T = Instant.parse("2025-12-01T15:00:00Z");

    @Test
    void aHoldingLimitIsShownBesideTheStopAndTarget() {
        PendingIntent held = new PendingIntent(7, "XYZ", "BUY", 5, "MARKET", 100, Double.NaN, 99.7, 100.6, 0, 0.6, 0.2, 4, "5m",
                List.of("stop and target: the trade the model scored"), T, T.plusSeconds(300), 100, 10, "5m");
        String text = TelegramTexts.proposal(held, 1.0);
        assertTrue(text.contains("take-profit 100.60 (+0.60%) · closed at market after 10 x 5m bars"), text);
        PendingIntent plain = new PendingIntent(8, "XYZ", "BUY", 5, "MARKET", 100, Double.NaN, 98, 103, 0, 0.6, 0.2, 4, "1h",
                List.of(), T, T.plusSeconds(300), 100);
        assertFalse(TelegramTexts.proposal(plain, 1.0).contains("closed at market"));
    }
}
