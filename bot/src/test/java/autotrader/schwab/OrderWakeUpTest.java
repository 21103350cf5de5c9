package autotrader.schwab;

import autotrader.orders.OrderState;
import autotrader.orders.StoredOrder;
import autotrader.schwab.stream.OrderWakeUp;
import autotrader.schwab.stream.StreamSettings;
import autotrader.schwab.stream.StreamSupervisor;
import autotrader.schwab.stream.StreamerInfo;
import autotrader.store.Store;
import autotrader.testing.Eventually;
import autotrader.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** ACCT_ACTIVITY from the fake streamer wakes an immediate REST read-back of that order, well before the timed monitor would run. */
class OrderWakeUpTest {

    static final Instant IN_SESSION = Instant.parse("2026-12-02T19:30:00Z");

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeStreamer streamer;
    LiveBook book;
    StreamSupervisor supervisor;
    OrderWakeUp wakeUp;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        streamer = new FakeStreamer(() -> fake.accessToken, 100);
        fake.streamer = streamer;
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        SchwabRig rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        book = new LiveBook(rig, Store.open(dir.resolve("state.db"), 2000), new MutableClock(IN_SESSION));
        wakeUp = new OrderWakeUp(book.manager);
        supervisor = new StreamSupervisor(() -> StreamerInfo.fetch(rig.http), StreamSupervisor.Tokens.of(rig.auth), SchwabHttp.defaultClient(),
                new StreamSettings(Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(60), 3), Clock.systemUTC(), (l, m) -> { },
                List.of(), true, b -> { }, wakeUp, () -> 0.5).start();
        await("account activity subscribed", () -> !streamer.live().isEmpty() && !streamer.live().get(0).keys("ACCT_ACTIVITY").isEmpty());
    }

    @AfterEach
    void stop() {
        supervisor.close();
        wakeUp.close();
        streamer.close();
        fake.close();
    }

    static void await(String what, BooleanSupplier condition) {
        Eventually.await(what, condition);
    }

    long orderGets(String brokerId) {
        synchronized (fake.requestLog) {
            return fake.requestLog.stream().filter(r -> r.startsWith("GET ") && r.contains("/orders/" + brokerId)).count();
        }
    }

    @Test
    void aFillMessageWakesTheReadBackAndTheRestOrderDecides() {
        StoredOrder e = book.manager.submit(LiveBook.bracket("wk-1", "XYZ", 5));
        assertEquals(OrderState.SUBMITTED, book.repo.get(e.id()).state());
        fake.fill(e.brokerOrderId(), 5, 14.95);
        long before = orderGets(e.brokerOrderId());
        assertEquals(1, streamer.sendActivity("OrderFillCompleted", e.brokerOrderId()));
        await("read back", () -> book.repo.get(e.id()).state() == OrderState.FILLED);
        assertTrue(orderGets(e.brokerOrderId()) > before, "the order was read over REST");
        assertEquals(5, book.repo.get(e.id()).filledQuantity());
        assertEquals(5, book.position("XYZ"));
    }

    @Test
    void theMessageIsOnlyAWakeUpTheRestAnswerIsTheTruth() throws Exception {
        StoredOrder e = book.manager.submit(LiveBook.bracket("wk-2", "XYZ", 5));
        // The stream says "filled" but Schwab's order is still working: nothing is recorded as filled.
        streamer.sendActivity("OrderFillCompleted", e.brokerOrderId());
        await("read back", () -> wakeUp.readBacks() == 1);
        Thread.sleep(50);
        assertEquals(OrderState.SUBMITTED, book.repo.get(e.id()).state());
        assertEquals(0, book.position("XYZ"));
    }

    @Test
    void activityForAnOrderThatIsNotOursReadsNothing() throws Exception {
        streamer.sendActivity("OrderCreated", "999999999");
        Thread.sleep(150);
        assertEquals(0, wakeUp.readBacks());
        assertEquals(0, fake.requestLog.stream().filter(r -> r.contains("/orders")).count());
    }
}
