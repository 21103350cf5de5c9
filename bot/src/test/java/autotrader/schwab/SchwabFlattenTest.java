package autotrader.schwab;

import autotrader.orders.Flattener;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderState;
import autotrader.orders.Reconciler;
import autotrader.orders.StoredOrder;
import autotrader.store.Store;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue #21: `flatten` in live mode. Two positions with working brackets and one entry not filled
 * yet: every order ends canceled or filled, each position is closed by exactly one market order, and
 * no order is canceled twice or after its parent took it along.
 */
class SchwabFlattenTest {

    @TempDir
    Path dir;
    FakeSchwab fake;
    LiveBook book;
    StoredOrder unfilled;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        SchwabRig rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        book = new LiveBook(rig, Store.open(dir.resolve("state.db"), 2000), Clock.systemUTC());
        StoredOrder aaa = book.manager.submit(LiveBook.bracket("fl-a", "AAA", 5));
        StoredOrder bbb = book.manager.submit(LiveBook.bracket("fl-b", "BBB", 4));
        unfilled = book.manager.submit(LiveBook.bracket("fl-c", "CCC", 3));
        fake.fill(aaa.brokerOrderId(), 5, 14.95);
        fake.fill(bbb.brokerOrderId(), 4, 14.90);
        book.monitor();
        assertEquals(5, book.position("AAA"));
        assertEquals(4, book.position("BBB"));
        assertEquals(4, book.repo.inStates("live", OrderState.SUBMITTED).stream().filter(o -> o.role().isChildLeg()).count(),
                "both brackets' legs are working");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Symbol to quantity of the market SELLs placed at the fake. */
    Map<String, Double> marketSells() {
        Map<String, Double> out = new TreeMap<>();
        for (ObjectNode o : fake.placed("MARKET", "SELL")) {
            out.merge(o.path("orderLegCollection").path(0).path("instrument").path("symbol").asText(),
                    o.path("orderLegCollection").path(0).path("quantity").asDouble(), Double::sum);
        }
        return out;
    }

    List<String> deletes() {
        return fake.requestLog.stream().filter(r -> r.startsWith("DELETE ")).toList();
    }

    @Test
    void flattenCancelsEverythingAndClosesEachPositionWithOneMarketOrder() {
        OrderManager.FlattenResult r = book.manager.flatten("test");

        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(fake.deletesOfClosedOrders.isEmpty(), "DELETEs on orders already closed: " + fake.deletesOfClosedOrders);
        assertEquals(3, deletes().size(), "one per tree: the unfilled entry, one leg of each OCO pair: " + deletes());
        assertEquals(Set.copyOf(deletes()).size(), deletes().size(), "nothing canceled twice");
        assertEquals(Map.of("AAA", 5.0, "BBB", 4.0), marketSells(), "one market SELL of the full quantity per position, none for CCC");
        assertEquals(5, fake.orderPosts.get(), "three entries, two exits");
        assertEquals(2, r.exits().size());
        assertTrue(book.manager.flags().paused(), "entries are paused");
        assertEquals("CANCELED", fake.order(unfilled.brokerOrderId()).path("status").asText());

        for (StoredOrder exit : r.exits()) fake.fill(exit.brokerOrderId(), exit.quantity(), 14.50);   // the market orders execute
        List<String> open = new ArrayList<>();
        fake.statuses().forEach((id, s) -> {
            if (!s.equals("CANCELED") && !s.equals("FILLED")) open.add(id + " " + s);
        });
        assertTrue(open.isEmpty(), "every order at the broker canceled or filled: " + open);

        Reconciler.Report rec = book.reconciler.reconcile();
        assertTrue(rec.clean(), rec.toString());
        assertTrue(rec.protectionsPlaced().isEmpty(), "a closed position needs no protection: " + rec);
        assertTrue(book.repo.positions("live").isEmpty());
        assertTrue(book.repo.inStates("live", OrderState.INTENT, OrderState.APPROVED, OrderState.SUBMITTING, OrderState.UNKNOWN,
                OrderState.WAITING, OrderState.SUBMITTED, OrderState.PARTIALLY_FILLED).isEmpty(), "no order open in SQLite");
        assertEquals(5, fake.orderPosts.get());
    }

    @Test
    void theExitsWaitUntilTheBrokerHasConfirmedTheCancels() {
        fake.pendingCancels = true;
        AtomicInteger postsDuringWait = new AtomicInteger(-1);
        Flattener f = new Flattener(book.manager, d -> {
            postsDuringWait.compareAndSet(-1, fake.orderPosts.get());
            fake.completeCancels();
        });
        OrderManager.FlattenResult r = f.flatten("test");

        assertEquals(3, postsDuringWait.get(), "no exit was sent while the cancels were pending");
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(Map.of("AAA", 5.0, "BBB", 4.0), marketSells());
        assertEquals(3, deletes().size(), "the other leg of a pair already pending cancel is not canceled again: " + deletes());
        assertTrue(fake.deletesOfClosedOrders.isEmpty());
    }

    @Test
    void aCancelNeverConfirmedSendsNoExitAndAsksToFlattenAgain() {
        fake.pendingCancels = true;
        AtomicInteger waits = new AtomicInteger();
        OrderManager.FlattenResult r = new Flattener(book.manager, d -> waits.incrementAndGet()).flatten("test");

        assertTrue(waits.get() >= 1);
        assertTrue(marketSells().isEmpty(), "no exit races a stop that may still fire");
        assertEquals(3, fake.orderPosts.get());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("AAA") && p.contains("flatten again")), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("BBB")), r.problems().toString());

        fake.completeCancels();
        OrderManager.FlattenResult again = book.manager.flatten("test");
        assertTrue(again.problems().isEmpty(), again.problems().toString());
        assertEquals(Map.of("AAA", 5.0, "BBB", 4.0), marketSells(), "the second flatten closes them, once each");
        assertTrue(fake.deletesOfClosedOrders.isEmpty(), fake.deletesOfClosedOrders.toString());
    }
}
