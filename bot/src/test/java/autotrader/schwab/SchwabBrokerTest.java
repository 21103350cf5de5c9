package autotrader.schwab;

import autotrader.orders.BrokerOrder;
import autotrader.orders.CrashPoints;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Reconciler;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.store.Store;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Schwab adapter and the order layer against the fake Schwab server. */
class SchwabBrokerTest {

    @TempDir
    Path dir;
    FakeSchwab fake;
    SchwabRig rig;
    Store store;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        store = Store.open(dir.resolve("state.db"), 2000);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static OrderRequest bracket(String intent) {
        return OrderRequest.entry(intent, "XYZ", Side.BUY, 5, EntryType.LIMIT, new BigDecimal("14.97"),
                new BigDecimal("11.27"), new BigDecimal("15.27"), null);
    }

    @Test
    void bracketEntryIsOneTriggerRequestWithAnOcoChild() throws Exception {
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        StoredOrder o = m.submit(bracket("sig-1"));
        assertEquals(OrderState.SUBMITTED, o.state());
        assertEquals(1, fake.orderPosts.get());
        JsonNode expected = new ObjectMapper().readTree("""
                {"orderStrategyType":"TRIGGER","orderType":"LIMIT","session":"NORMAL","duration":"DAY","price":"14.97",
                 "orderLegCollection":[{"instruction":"BUY","quantity":5,"instrument":{"symbol":"XYZ","assetType":"EQUITY"}}],
                 "childOrderStrategies":[{"orderStrategyType":"OCO","childOrderStrategies":[
                   {"orderStrategyType":"SINGLE","orderType":"LIMIT","session":"NORMAL","duration":"GOOD_TILL_CANCEL","price":"15.27",
                    "orderLegCollection":[{"instruction":"SELL","quantity":5,"instrument":{"symbol":"XYZ","assetType":"EQUITY"}}]},
                   {"orderStrategyType":"SINGLE","orderType":"STOP","session":"NORMAL","duration":"GOOD_TILL_CANCEL","stopPrice":"11.27",
                    "orderLegCollection":[{"instruction":"SELL","quantity":5,"instrument":{"symbol":"XYZ","assetType":"EQUITY"}}]}]}]}""");
        assertEquals(expected, new ObjectMapper().readTree(fake.lastOrderBody));
        // Children are reported waiting for the parent and recorded as such.
        List<StoredOrder> kids = m.repository().children(o.id());
        assertEquals(2, kids.size());
        assertTrue(kids.stream().allMatch(k -> k.state() == OrderState.WAITING), kids.toString());
    }

    @Test
    void fillsMovePositionsAndCashAndOcoCancelsTheOtherLeg() {
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        StoredOrder o = m.submit(bracket("sig-2"));
        fake.fill(o.brokerOrderId(), 5, 14.95);
        m.refresh(o.id());
        StoredOrder filled = m.repository().get(o.id());
        assertEquals(OrderState.FILLED, filled.state());
        assertEquals(0, new BigDecimal("14.95").compareTo(filled.avgFillPrice()));
        assertEquals(5, m.repository().positions("live").get(0).quantity());
        List<StoredOrder> kids = m.repository().children(o.id());
        assertTrue(kids.stream().allMatch(k -> k.state() == OrderState.SUBMITTED), "legs are working after the entry filled");
        StoredOrder takeProfit = kids.stream().filter(k -> k.role() == OrderRole.TAKE_PROFIT).findFirst().orElseThrow();
        fake.fill(takeProfit.brokerOrderId(), 5, 15.27);
        m.refresh(o.id());
        kids = m.repository().children(o.id());
        assertEquals(OrderState.FILLED, kids.stream().filter(k -> k.role() == OrderRole.TAKE_PROFIT).findFirst().orElseThrow().state());
        assertEquals(OrderState.CANCELED, kids.stream().filter(k -> k.role() == OrderRole.STOP_LOSS).findFirst().orElseThrow().state());
        assertTrue(m.repository().positions("live").isEmpty());
        // cash moved by -5*14.95 + 5*15.27 from the snapshot-less start of 0
        assertEquals(0, new BigDecimal("1.60").compareTo(m.repository().cash("live").orElseThrow()));
        // reading the same fills again changes nothing
        m.refresh(o.id());
        assertEquals(0, new BigDecimal("1.60").compareTo(m.repository().cash("live").orElseThrow()));
    }

    @Test
    void aPlaceWithoutLocationIsFoundByListingNotByPostingAgain() {
        fake.noLocation = true;
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        StoredOrder o = m.submit(OrderRequest.entry("sig-3", "AMD", Side.BUY, 10, EntryType.MARKET, null, null, null, null));
        assertEquals(1, fake.orderPosts.get());
        assertEquals(OrderState.SUBMITTED, o.state());
        assertEquals(fake.topLevelOrders().get(0).get("orderId").asText(), o.brokerOrderId());
        assertTrue(m.repository().events(o.id()).stream().anyMatch(e -> e.cause().contains("listing")));
    }

    @Test
    void readsRetryOn429And5xxHonouringRetryAfter() {
        fake.readFaults.add(429);
        fake.readFaults.add(503);
        fake.retryAfter = "2";
        assertTrue(rig.broker.positions().isEmpty());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), rig.sleeps);
        fake.retryAfter = null;
        rig.sleeps.clear();
        for (int i = 0; i < 4; i++) fake.readFaults.add(500);
        SchwabException e = assertThrows(SchwabException.class, () -> rig.broker.balances());
        assertEquals(500, e.status());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), rig.sleeps, "exponential backoff, 3 retries");
    }

    @Test
    void orderPostsAreNeverRetried() {
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        assertFalse(rig.http.orderClient().retryOnConnectionFailure());
        rig.broker.positions();                         // account hash known
        fake.close();                                   // the POST cannot get an answer
        StoredOrder o = m.submit(OrderRequest.entry("sig-4", "AMD", Side.BUY, 10, EntryType.MARKET, null, null, null, null));
        assertEquals(OrderState.UNKNOWN, o.state(), "a POST without an answer is UNKNOWN, never re-sent");
        assertEquals(0, fake.orderPosts.get());
    }

    @Test
    void malformedJsonIsAnErrorForThatCallOnly() {
        rig.broker.positions();                         // account hash known
        fake.malformedReads = 1;
        SchwabException e = assertThrows(SchwabException.class, () -> rig.broker.balances());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertNotNull(rig.broker.balances().cash(), "the next call works");
    }

    @Test
    void cancelGoesThroughAndIsSeenOnTheNextRead() {
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        StoredOrder o = m.submit(bracket("sig-5"));
        StoredOrder c = m.cancel(o.id(), "test");
        assertEquals(OrderState.CANCELED, c.state());
        assertTrue(m.repository().children(o.id()).stream().allMatch(k -> k.state() == OrderState.CANCELED));
        assertTrue(fake.requestLog.stream().anyMatch(r -> r.startsWith("DELETE /trader/v1/accounts/" + FakeSchwab.HASH + "/orders/" + o.brokerOrderId())));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndA401RefreshesOnce() {
        String before = fake.accessToken;
        fake.accessToken = "I0.rotated-by-server@";      // the server no longer accepts ours: 401, refresh, retry
        fake.refreshToken = fake.refreshToken;
        assertNotNull(rig.broker.balances());
        assertNotEquals(before, fake.accessToken);
        assertEquals(1, fake.tokenCalls.get());
    }

    @Test
    void aDeadRefreshTokenTurnsTheClientMonitorOnlyWithAnAlert() {
        fake.refreshDead = true;
        fake.accessToken = "I0.server-side-expired@";
        assertThrows(SchwabAuthException.class, () -> rig.broker.balances());
        assertTrue(rig.broker.placementBlockedReason().isPresent());
        assertTrue(rig.alerts.stream().anyMatch(a -> a.startsWith("TOKEN_EXPIRY") && a.contains("login needed")), rig.alerts.toString());
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        StoredOrder o = m.record(OrderRequest.entry("sig-6", "AMD", Side.BUY, 1, EntryType.MARKET, null, null, null, null), null);
        m.approve(o.id(), "test");
        StoredOrder sent = m.send(o.id());
        // Nothing was sent, and the order says so for good instead of waiting APPROVED for a sender that never comes.
        assertEquals(OrderState.FAILED, sent.state());
        assertTrue(m.repository().lastCause(o.id(), OrderState.FAILED).orElseThrow().contains("monitor-only"));
        assertEquals(0, fake.orderPosts.get());
    }

    @Test
    void theRefreshTokenEndIsWarnedADayAhead() {
        SchwabRig.writeLogin(dir.resolve("old.json"), fake, Instant.now().minus(Duration.ofDays(6)).minus(Duration.ofHours(1)));
        SchwabRig old = new SchwabRig(fake.baseUrl(), dir.resolve("old.json"), Clock.systemUTC());
        old.broker.positions();
        assertTrue(old.alerts.stream().anyMatch(a -> a.startsWith("TOKEN_EXPIRY") && a.contains("expires")), old.alerts.toString());
    }

    @Test
    void aMissingBracketIsPlacedAgainByTheReconciler() {
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        StoredOrder o = m.submit(bracket("sig-7"));
        fake.fill(o.brokerOrderId(), 5, 14.95);
        m.refresh(o.id());
        for (StoredOrder k : m.repository().children(o.id())) fake.cancelExternally(k.brokerOrderId());
        Reconciler.Report r = new Reconciler(m, (l, s) -> { }, Duration.ZERO, d -> { }).reconcile();
        assertEquals(1, r.protectionsPlaced().size(), r.toString());
        StoredOrder p = m.repository().get(r.protectionsPlaced().get(0));
        assertEquals(OrderRole.PROTECTION, p.role());
        assertEquals(OrderState.SUBMITTED, p.state());
        assertTrue(fake.lastOrderBody.startsWith("{\"orderStrategyType\":\"OCO\""), fake.lastOrderBody);
        // a second pass finds the new protection live and places nothing more
        assertTrue(new Reconciler(m, (l, s) -> { }, Duration.ZERO, d -> { }).reconcile().protectionsPlaced().isEmpty());
    }

    @Test
    void aPositionOnlyTheBrokerHoldsIsReportedNotTraded() {
        fake.positions.put("MSFT", new BigDecimal("3"));
        OrderManager m = rig.manager(store, CrashPoints.NONE);
        Reconciler.Report r = new Reconciler(m, (l, s) -> { }, Duration.ZERO, d -> { }).reconcile();
        assertEquals(1, r.brokerOnlyPositions().size());
        assertTrue(r.brokerOnlyPositions().get(0).contains("MSFT"));
        assertEquals(0, fake.orderPosts.get());
    }

    @Test
    void brokerOrderParsingToleratesNumbersAsStringsAndUnknownStatus() throws Exception {
        BrokerOrder b = SchwabOrderJson.fromJson(new ObjectMapper().readTree("""
                {"orderId":"1001234567890","status":"SOMETHING_NEW","enteredTime":"2024-10-18T14:31:02+0000","orderType":"LIMIT",
                 "orderStrategyType":"SINGLE","price":"10.00","quantity":4.0,"filledQuantity":"0","extra":{"x":1},
                 "orderLegCollection":[{"instruction":"BUY","quantity":4.0,"instrument":{"symbol":"INTC"}}]}"""));
        assertEquals(OrderState.SUBMITTED, b.state());
        assertEquals(0, new BigDecimal("10").compareTo(b.limitPrice()));
        assertEquals(Instant.parse("2024-10-18T14:31:02Z"), b.enteredTime());
        assertThrows(SchwabException.class, () -> SchwabOrderJson.fromJson(new ObjectMapper().readTree(
                "{\"orderId\":1,\"price\":\"abc\",\"orderLegCollection\":[{\"instruction\":\"BUY\",\"quantity\":1}]}")));
    }
}
