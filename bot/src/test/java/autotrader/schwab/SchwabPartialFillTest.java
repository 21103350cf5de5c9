package autotrader.schwab;

import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Reconciler;
import autotrader.orders.StoredOrder;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue #21: an entry that fills only partly. At Schwab a TRIGGER's take-profit/stop wait until the
 * entry has filled completely and are canceled with its remainder, so the filled shares must get a
 * protection of their own, sized to what filled, exactly once.
 */
class SchwabPartialFillTest {

    /** Wednesday 2 December 2026, 14:30 in New York: the session is open. */
    static final Instant IN_SESSION = Instant.parse("2026-12-02T19:30:00Z");
    /** The same day at 16:05 New York, after the 16:00 close. */
    static final Instant AFTER_CLOSE = Instant.parse("2026-12-02T21:05:00Z");

    @TempDir
    Path dir;
    FakeSchwab fake;
    MutableClock clock = new MutableClock(IN_SESSION);
    LiveBook book;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        SchwabRig rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        book = new LiveBook(rig, Store.open(dir.resolve("state.db"), 2000), clock);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    long deletes() {
        return fake.requestLog.stream().filter(r -> r.startsWith("DELETE ")).count();
    }

    @Test
    void aPartlyFilledEntryIsCanceledAtTheCloseAndItsFilledSharesGetOneProtection() throws Exception {
        StoredOrder e = book.manager.submit(LiveBook.bracket("pf-1", "XYZ", 5));
        fake.fill(e.brokerOrderId(), 3, 14.95);
        assertEquals("WORKING", fake.order(e.brokerOrderId()).path("status").asText(), "a partial fill leaves the order working");

        Reconciler.Report during = book.reconciler.reconcile();
        StoredOrder partly = book.repo.get(e.id());
        assertEquals(OrderState.PARTIALLY_FILLED, partly.state());
        assertEquals(3, partly.filledQuantity());
        assertEquals(3, book.position("XYZ"));
        assertTrue(book.repo.children(e.id()).stream().allMatch(k -> k.state() == OrderState.WAITING), "the legs wait for the whole entry");
        assertTrue(during.protectionsPlaced().isEmpty(), "while the remainder works, its own legs are still to come");
        assertEquals(0, deletes());

        clock.set(AFTER_CLOSE);
        Reconciler.Report atClose = book.reconciler.reconcile();
        assertEquals(1, deletes(), "the remainder is canceled once");
        assertEquals("CANCELED", fake.order(e.brokerOrderId()).path("status").asText());
        StoredOrder ended = book.repo.get(e.id());
        assertEquals(OrderState.CANCELED, ended.state());
        assertEquals(3, ended.filledQuantity(), "canceling the remainder keeps what filled");
        assertTrue(book.repo.children(e.id()).stream().filter(k -> k.role().isChildLeg()).allMatch(k -> k.state() == OrderState.CANCELED));

        assertEquals(1, atClose.protectionsPlaced().size(), atClose.toString());
        assertEquals(2, fake.orderPosts.get());
        assertEquals(new ObjectMapper().readTree("""
                {"orderStrategyType":"OCO","childOrderStrategies":[
                  {"orderStrategyType":"SINGLE","orderType":"LIMIT","session":"NORMAL","duration":"GOOD_TILL_CANCEL","price":"15.27",
                   "orderLegCollection":[{"instruction":"SELL","quantity":3,"instrument":{"symbol":"XYZ","assetType":"EQUITY"}}]},
                  {"orderStrategyType":"SINGLE","orderType":"STOP","session":"NORMAL","duration":"GOOD_TILL_CANCEL","stopPrice":"11.27",
                   "orderLegCollection":[{"instruction":"SELL","quantity":3,"instrument":{"symbol":"XYZ","assetType":"EQUITY"}}]}]}"""),
                new ObjectMapper().readTree(fake.lastOrderBody));
        StoredOrder protection = book.repo.get(atClose.protectionsPlaced().get(0));
        assertEquals(OrderRole.PROTECTION, protection.role());
        assertEquals(3, protection.quantity());
        assertEquals(e.id(), protection.parentId());
        assertEquals(OrderState.SUBMITTED, protection.state());
        assertEquals(3, book.position("XYZ"));
        assertTrue(atClose.positionMismatches().isEmpty(), atClose.toString());

        Reconciler.Report again = book.reconciler.reconcile();
        assertTrue(again.protectionsPlaced().isEmpty(), again.toString());
        assertEquals(2, fake.orderPosts.get(), "a second reconcile places nothing more");
        assertEquals(1, deletes());

        StoredOrder stop = book.leg(protection.id(), OrderRole.STOP_LOSS);
        fake.fill(stop.brokerOrderId(), 3, 11.27);
        Reconciler.Report closed = book.reconciler.reconcile();
        assertEquals(0, book.position("XYZ"), "the stop closed the 3 shares");
        assertEquals(OrderState.CANCELED, book.leg(protection.id(), OrderRole.TAKE_PROFIT).state());
        assertEquals(OrderState.FILLED, book.repo.get(stop.id()).state());
        assertEquals(0, new BigDecimal("-11.04").compareTo(book.cash()), "3 x 14.95 bought, 3 x 11.27 sold: " + book.cash());
        assertTrue(closed.protectionsPlaced().isEmpty());
        assertEquals(2, fake.orderPosts.get());
        assertTrue(closed.clean(), closed.toString());
    }

    @Test
    void aRemainderTheBrokerExpiresIsNotCanceledAgainAndTheFilledPartIsProtected() {
        StoredOrder e = book.manager.submit(LiveBook.bracket("pf-2", "XYZ", 5));
        fake.fill(e.brokerOrderId(), 3, 14.95);
        book.monitor();
        fake.expireRemainder(e.brokerOrderId());
        clock.set(AFTER_CLOSE);

        Reconciler.Report r = book.reconciler.reconcile();
        assertEquals(0, deletes(), "the broker already ended it: nothing to cancel");
        StoredOrder ended = book.repo.get(e.id());
        assertEquals(OrderState.EXPIRED, ended.state());
        assertEquals(3, ended.filledQuantity());
        assertEquals(1, r.protectionsPlaced().size(), r.toString());
        assertEquals(3, book.repo.get(r.protectionsPlaced().get(0)).quantity());
        assertTrue(fake.lastOrderBody.contains("\"quantity\":3"), fake.lastOrderBody);
        assertTrue(book.reconciler.reconcile().protectionsPlaced().isEmpty());
        assertEquals(2, fake.orderPosts.get());
    }

    @Test
    void partialFillsAreRecordedOnceEachHoweverOftenTheyAreReadAndTheFullFillReleasesTheLegs() {
        StoredOrder e = book.manager.submit(LiveBook.bracket("pf-3", "XYZ", 5));
        fake.fill(e.brokerOrderId(), 2, 14.90);
        book.monitor();
        book.monitor();
        fake.fill(e.brokerOrderId(), 1, 14.96);
        book.monitor();
        book.reconciler.reconcile();
        book.monitor();

        StoredOrder o = book.repo.get(e.id());
        assertEquals(OrderState.PARTIALLY_FILLED, o.state());
        assertEquals(3, o.filledQuantity());
        assertEquals(0, new BigDecimal("14.92").compareTo(o.avgFillPrice()), "(2 x 14.90 + 14.96) / 3, was " + o.avgFillPrice());
        assertEquals(2, book.fills(OrderRole.ENTRY), "two executions, two fills");
        assertEquals(3, book.position("XYZ"));
        assertEquals(0, new BigDecimal("-44.76").compareTo(book.cash()), book.cash().toPlainString());
        List<OrderRepository.Event> partial = book.repo.events(e.id()).stream().filter(ev -> ev.to() == OrderState.PARTIALLY_FILLED).toList();
        assertEquals(2, partial.size(), "one event per new fill, none per re-read: " + partial);

        fake.fill(e.brokerOrderId(), 2, 14.97);
        book.monitor();
        assertEquals(OrderState.FILLED, book.repo.get(e.id()).state());
        assertEquals(5, book.position("XYZ"));
        assertTrue(book.repo.children(e.id()).stream().allMatch(k -> k.state() == OrderState.SUBMITTED && k.quantity() == 5),
                "a complete fill releases the legs for all 5");
        clock.set(AFTER_CLOSE);
        assertTrue(book.reconciler.reconcile().protectionsPlaced().isEmpty());
        assertEquals(0, deletes(), "a filled entry has no remainder to cancel");
    }
}
