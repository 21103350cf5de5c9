package autotrader.schwab;

import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Reconciler;
import autotrader.orders.StoredOrder;
import autotrader.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue #21: a take-profit fill closes the position and the stop goes with it (OCO). Neither the
 * monitor's read-back nor the reconciler may take the canceled stop for a missing protection.
 */
class SchwabTakeProfitTest {

    @TempDir
    Path dir;
    FakeSchwab fake;
    LiveBook book;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        SchwabRig rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        book = new LiveBook(rig, Store.open(dir.resolve("state.db"), 2000), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aBracketsTakeProfitFillCancelsTheStopAndNothingIsPlacedAgain() {
        StoredOrder e = book.manager.submit(LiveBook.bracket("tp-1", "XYZ", 5));
        fake.fill(e.brokerOrderId(), 5, 14.95);
        book.monitor();
        StoredOrder takeProfit = book.leg(e.id(), OrderRole.TAKE_PROFIT);
        fake.fill(takeProfit.brokerOrderId(), 5, 15.27);

        book.monitor();
        assertEquals(OrderState.FILLED, book.repo.get(takeProfit.id()).state());
        assertEquals(OrderState.CANCELED, book.leg(e.id(), OrderRole.STOP_LOSS).state());
        assertEquals(0, book.position("XYZ"));
        assertEquals(0, new BigDecimal("1.60").compareTo(book.cash()), "5 x (15.27 - 14.95), was " + book.cash());
        assertEquals(1, book.fills(OrderRole.TAKE_PROFIT), "read through the parent and the leg, recorded once");
        assertEquals(0, book.fills(OrderRole.STOP_LOSS));

        Reconciler.Report r = book.reconciler.reconcile();
        assertTrue(r.protectionsPlaced().isEmpty(), "the position is closed: " + r);
        assertTrue(r.clean(), r.toString());
        assertEquals(1, fake.orderPosts.get());
        assertEquals(1, book.fills(OrderRole.TAKE_PROFIT));
        assertEquals(0, new BigDecimal("1.60").compareTo(book.cash()));
        assertTrue(book.repo.sentNeedingSync("live").isEmpty(), "nothing left open to read");
    }

    @Test
    void aStandAloneProtectionsTakeProfitFillCancelsItsStopAndNothingIsPlacedAgain() {
        StoredOrder e = book.manager.submit(LiveBook.bracket("tp-2", "XYZ", 5));
        fake.fill(e.brokerOrderId(), 5, 14.95);
        book.monitor();
        for (StoredOrder k : book.repo.children(e.id())) fake.cancelExternally(k.brokerOrderId());
        Reconciler.Report placed = book.reconciler.reconcile();
        assertEquals(1, placed.protectionsPlaced().size(), placed.toString());
        StoredOrder protection = book.repo.get(placed.protectionsPlaced().get(0));
        StoredOrder takeProfit = book.leg(protection.id(), OrderRole.TAKE_PROFIT);
        assertEquals(OrderState.SUBMITTED, takeProfit.state());

        fake.fill(takeProfit.brokerOrderId(), 5, 15.27);
        book.monitor();
        assertEquals(OrderState.FILLED, book.repo.get(protection.id()).state());
        assertEquals(OrderState.FILLED, book.repo.get(takeProfit.id()).state());
        assertEquals(OrderState.CANCELED, book.leg(protection.id(), OrderRole.STOP_LOSS).state());
        assertEquals(0, book.position("XYZ"));
        assertEquals(0, new BigDecimal("1.60").compareTo(book.cash()), book.cash().toPlainString());
        assertEquals(1, book.fills(OrderRole.TAKE_PROFIT));

        Reconciler.Report after = book.reconciler.reconcile();
        assertTrue(after.protectionsPlaced().isEmpty(), after.toString());
        assertTrue(after.clean(), after.toString());
        assertEquals(2, fake.orderPosts.get(), "the entry and the one protection");
        assertEquals(1, book.fills(OrderRole.TAKE_PROFIT));
    }
}
