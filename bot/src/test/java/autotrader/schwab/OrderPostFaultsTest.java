package autotrader.schwab;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalChannel;
import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.ApprovalOutcome.Kind;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository;
import autotrader.approvals.PendingIntent;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Reconciler;
import autotrader.orders.StoredOrder;
import autotrader.rules.TradeIntent;
import autotrader.schwab.FakeSchwab.PostFault;
import autotrader.schwab.FakeSchwab.PostFaultKind;
import autotrader.store.Store;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An approved order whose POST got a bad answer (500 with JSON, 502 with HTML, 500 with an empty body,
 * a timeout), with the order created at the broker or not, with and without a restart of the daemon's
 * objects in between: the broker ends with exactly one order or none, never two; the order ends in a
 * truthful state; and the trader's approval message is corrected to say what became of it.
 */
@Timeout(120)
class OrderPostFaultsTest {

    @TempDir
    Path dir;
    FakeSchwab fake;
    final List<String> alerts = Collections.synchronizedList(new ArrayList<>());
    final List<ApprovalOutcome> told = Collections.synchronizedList(new ArrayList<>());

    /** One process's objects, as `run` wires them: a restart is a new one of these on the same database and token file. */
    final class Daemon {
        final Store store = Store.open(dir.resolve("state.db"), 5000);
        final SchwabAuth auth;
        final OrderManager orders;
        final Reconciler reconciler;
        final ApprovalService approvals;

        Daemon() {
            Notifier a = (level, msg) -> alerts.add(level + " " + msg);
            RateLimiter limiter = new RateLimiter(600);
            // A 1 s read timeout, so the fake's TIMEOUT fault (3 s) trips it quickly.
            OkHttpClient client = SchwabHttp.defaultClient().newBuilder().readTimeout(Duration.ofSeconds(1)).build();
            auth = new SchwabAuth(fake.baseUrl(), FakeSchwab.APP_KEY, FakeSchwab.APP_SECRET, "https://127.0.0.1:8182",
                    new TokenFile(dir.resolve("tokens.json")), client, limiter, Clock.systemUTC(), a);
            SchwabHttp http = new SchwabHttp(fake.baseUrl(), auth, limiter, client, new SchwabHttp.Retry(3, Duration.ofMillis(10),
                    Duration.ofMillis(50)), d -> { });
            Clock clock = Clock.systemUTC();
            orders = new OrderManager(new SchwabBroker(http, auth, "", clock), new OrderRepository(store.jdbi(), clock),
                    new ControlFlags(store.jdbi(), clock), a, CrashPoints.NONE, clock);
            reconciler = new Reconciler(orders, a, Duration.ZERO, d -> { });
            approvals = new ApprovalService(new IntentRepository(store.jdbi()), orders, store, clock, (s, t) -> OptionalDouble.empty(),
                    new ApprovalService.Settings(Duration.ofMinutes(5), 0.05, false));
            approvals.connect(new ApprovalChannel() {
                @Override
                public void offer(PendingIntent intent) {
                }

                @Override
                public void settled(ApprovalOutcome outcome) {
                    told.add(outcome);
                }
            });
        }

        /** What `run` does first: reconcile, finish interrupted approvals, correct what the trader was told. */
        void start() {
            reconciler.reconcile();
            approvals.resumeInterrupted();
            approvals.followOrders();
        }

        /** The periodic reconciliation and the monitor's correction, as the daemon's jobs run them. */
        void tick() {
            reconciler.reconcile();
            approvals.followOrders();
        }

        StoredOrder entry(long intentId) {
            return orders.repository().byIntent("live", "intent-" + intentId, OrderRole.ENTRY).orElseThrow();
        }
    }

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static TradeIntent intent() {
        return new TradeIntent("XYZ", "BUY", 5, "LIMIT", 14.97, 14.97, 11.27, 15.27, 0, 1, 0.75, 3.0, 4, "1h",
                List.of("test"), "test-rules");
    }

    static Stream<Arguments> faults() {
        List<Arguments> out = new ArrayList<>();
        for (PostFaultKind k : PostFaultKind.values()) {
            for (boolean created : new boolean[]{true, false}) {
                for (boolean restart : new boolean[]{false, true}) out.add(Arguments.of(k, created, restart));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, order created: {1}, restart: {2}")
    @MethodSource("faults")
    void oneBadAnswerEndsWithExactlyOneOrderAtTheBrokerAndTheTraderToldSo(PostFaultKind kind, boolean created, boolean restart) {
        fake.postFaults.add(new PostFault(kind, created));
        Daemon d = new Daemon();
        long id = d.approvals.propose(intent(), 14.97).intent().intentId();
        ApprovalOutcome first = d.approvals.approve(id, "telegram:1");
        if (created) {
            // The first listing, right after the bad answer, finds the order: the trader is told it was submitted.
            assertEquals(Kind.SUBMITTED, first.kind(), first.toString());
        } else {
            assertEquals(Kind.UNCONFIRMED, first.kind(), first.toString());
            assertFalse(first.reason().contains("(UNKNOWN)"), "a plain sentence, not a state dump: " + first.reason());
            assertTrue(first.reason().contains("HTTP 50") || first.reason().contains("failed after sending"), first.reason());
        }
        if (restart) {
            d = new Daemon();
            d.start();
        }
        d.tick();
        d.tick();

        assertEquals(1, fake.topLevelOrders().size(), "exactly one order at the broker: " + fake.requestLog);
        StoredOrder o = d.entry(id);
        assertEquals(OrderState.SUBMITTED, o.state(), d.orders.repository().events(o.id()).toString());
        assertEquals(fake.topLevelOrders().get(0).get("orderId").asText(), o.brokerOrderId());
        assertEquals(created ? 1 : 2, fake.orderPosts.get(), "re-sent once only when the first POST provably never arrived");
        var row = new IntentRepository(d.store.jdbi()).find(id).orElseThrow();
        assertEquals(Kind.SUBMITTED, row.outcome(), "the stored outcome follows the order");
        assertEquals(o.brokerOrderId(), row.outcomeDetail());
        if (!created) {
            assertTrue(told.stream().anyMatch(t -> t.kind() == Kind.SUBMITTED && o.brokerOrderId().equals(t.brokerOrderId())),
                    "the approval message is corrected to the broker's order: " + told);
        }
    }

    @ParameterizedTest(name = "{0}, restart: {1}")
    @MethodSource("twoFaults")
    void twoPostsThatNeverArriveEndFailedWithNothingAtTheBrokerAndTheTraderTold(PostFaultKind kind, boolean restart) {
        fake.postFaults.add(new PostFault(kind, false));
        fake.postFaults.add(new PostFault(PostFaultKind.HTTP_500_JSON, false));
        Daemon d = new Daemon();
        long id = d.approvals.propose(intent(), 14.97).intent().intentId();
        assertEquals(Kind.UNCONFIRMED, d.approvals.approve(id, "telegram:1").kind());
        if (restart) {
            d = new Daemon();
            d.start();
        }
        for (int i = 0; i < 3; i++) d.tick();

        assertEquals(0, fake.topLevelOrders().size(), "nothing at the broker");
        assertEquals(2, fake.orderPosts.get(), "the first POST and one more, never a third");
        StoredOrder o = d.entry(id);
        assertEquals(OrderState.FAILED, o.state());
        String why = d.orders.repository().lastCause(o.id(), OrderState.FAILED).orElseThrow();
        assertTrue(why.contains("never received") && why.contains("2 POSTs"), why);
        var row = new IntentRepository(d.store.jdbi()).find(id).orElseThrow();
        assertEquals(Kind.FAILED, row.outcome());
        assertTrue(told.stream().anyMatch(t -> t.kind() == Kind.FAILED && t.intentId() == id), "the trader's message says FAILED: " + told);
        assertTrue(alerts.stream().anyMatch(a -> a.startsWith("ORDER_REJECTED") && a.contains("FAILED")), "and an alert goes out: " + alerts);
        // A FAILED entry holds no exposure: the symbol may be proposed again.
        assertTrue(d.approvals.exposure(Instant.now(), -1).holding("XYZ").isEmpty());
    }

    static Stream<Arguments> twoFaults() {
        return Stream.of(PostFaultKind.values()).flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @Test
    void theMonitorAloneSettlesAFailedPostWithinAMinute() throws Exception {
        fake.postFaults.add(new PostFault(PostFaultKind.HTTP_502_HTML, false));
        Daemon d = new Daemon();
        long id = d.approvals.propose(intent(), 14.97).intent().intentId();
        assertEquals(Kind.UNCONFIRMED, d.approvals.approve(id, "telegram:1").kind());
        long t0 = System.nanoTime();
        // The monitor's tick (every 15 s in the daemon; faster here): one listing per tick, 3 s apart at least.
        while (d.entry(id).state() != OrderState.SUBMITTED && System.nanoTime() - t0 < 60_000_000_000L) {
            d.orders.settleUnknown();
            d.approvals.followOrders();
            Thread.sleep(500);
        }
        assertEquals(OrderState.SUBMITTED, d.entry(id).state());
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "settled within a minute");
        assertEquals(1, fake.topLevelOrders().size());
        assertEquals(Kind.SUBMITTED, new IntentRepository(d.store.jdbi()).find(id).orElseThrow().outcome());
    }

    @Test
    void monitorOnlyFailsTheApprovalAtOnceInsteadOfLeavingAnApprovedOrderNobodySends() {
        fake.refreshDead = true;
        // An access token that has run out, and a refresh the token endpoint refuses: monitor-only.
        new TokenFile(dir.resolve("tokens.json")).write(new Tokens(fake.accessToken, fake.refreshToken, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(6)), Instant.now().minus(Duration.ofDays(1))));
        Daemon d = new Daemon();
        assertThrows(RuntimeException.class, d.auth::accessToken);
        long id = d.approvals.propose(intent(), 14.97).intent().intentId();
        ApprovalOutcome o = d.approvals.approve(id, "telegram:1");
        assertEquals(Kind.FAILED, o.kind(), o.toString());
        assertTrue(o.reason().contains("monitor-only"), o.reason());
        assertEquals(OrderState.FAILED, d.entry(id).state());
        assertEquals(0, fake.orderPosts.get());
    }
}
