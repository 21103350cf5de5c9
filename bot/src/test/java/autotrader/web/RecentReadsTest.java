package autotrader.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The page's polling reuses a broker read within seconds and one market minute, never a failed one. */
class RecentReadsTest {

    @Test
    void aReadIsReusedWithinTheMarketMinuteAndRedoneInTheNext() {
        RecentReads r = new RecentReads();
        AtomicInteger reads = new AtomicInteger();
        Instant t = Instant.parse("2024-10-21T15:00:10Z");
        assertEquals(1, (int) r.get("balances", t, reads::incrementAndGet));
        assertEquals(1, (int) r.get("balances", t.plusSeconds(40), reads::incrementAndGet), "same market minute: no second call to the broker");
        assertEquals(1, (int) r.get("price X", t, () -> 1), "keys are separate");
        assertEquals(2, (int) r.get("balances", t.plusSeconds(60), reads::incrementAndGet), "the next market minute reads again");
    }

    @Test
    void aFailedReadIsNotKept() {
        RecentReads r = new RecentReads();
        Instant t = Instant.parse("2024-10-21T15:00:00Z");
        assertThrows(IllegalStateException.class, () -> r.get("balances", t, () -> {
            throw new IllegalStateException("broker down");
        }));
        assertEquals("ok", r.get("balances", t, () -> "ok"));
    }
}
