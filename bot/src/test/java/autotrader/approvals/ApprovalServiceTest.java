package autotrader.approvals;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalOutcome.Kind;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRole;
import autotrader.orders.StoredOrder;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.rules.TradeIntent;
import autotrader.schedule.SimClock;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** The approval service on a real SQLite file and the paper broker over the simulator. */
class ApprovalServiceTest {

    private static final SimMarket MARKET = new SimMarket(new SimSettings(3, 20, null));
    private static final Instant NOON = LocalDateTime.parse("2024-06-12T12:00").atZone(MarketCalendar.NEW_YORK).toInstant();

    @TempDir
    Path dir;
    Store store;
    MutableClock clock;
    List<ApprovalOutcome> settled;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("state.db"), 5000);
        clock = new MutableClock(NOON);
        settled = new ArrayList<>();
    }

    private ApprovalService service(boolean autoApprove) {
        return service(autoApprove, Exposure.Limits.NONE);
    }

    private ApprovalService service(boolean autoApprove, Exposure.Limits limits) {
        OrderManager orders = new OrderManager(
                new PaperBroker(store.jdbi(), MARKET, clock::instant, new PaperFillModel(5, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1),
                new OrderRepository(store.jdbi(), clock), new ControlFlags(store.jdbi(), clock), Notifier.log(), CrashPoints.NONE, clock);
        ApprovalService s = new ApprovalService(new IntentRepository(store.jdbi()), orders, store, clock, LastPrice.from(MARKET),
                new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, autoApprove, limits));
        s.connect(new ApprovalChannel() {
            @Override
            public void offer(PendingIntent intent) {
            }

            @Override
            public void settled(ApprovalOutcome outcome) {
                settled.add(outcome);
            }
        });
        return s;
    }

    private double price(String symbol) {
        return LastPrice.from(MARKET).at(symbol, NOON).orElseThrow();
    }

    private TradeIntent intent(String symbol, int qty) {
        double p = price(symbol);
        return new TradeIntent(symbol, "BUY", qty, "MARKET", p, Double.NaN, p * 0.97, p * 1.05, 0, 1, 0.75, 3.0, 4, "1h",
                List.of("confidence ok", "size by risk"), "test-rules");
    }

    private int entryOrders(long intentId) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM orders WHERE intent_ref = ? AND role = 'ENTRY'")
                .bind(0, "intent-" + intentId).mapTo(Integer.class).one());
    }

    /** A buy limit far under the price: it rests at the broker, unfilled. */
    private TradeIntent restingLimit(String symbol, int qty) {
        double p = price(symbol);
        return new TradeIntent(symbol, "BUY", qty, "LIMIT", p, p * 0.5, p * 0.45, p * 0.6, 0, 1, 0.75, 3.0, 4, "1h", List.of("test"), "test-rules");
    }

    @Test
    void aSymbolWithAPendingIntentOrAnOpenEntryOrderGetsNoSecondIntent() {
        ApprovalService s = service(false);
        long first = s.propose(restingLimit("SIM0001", 10), price("SIM0001")).intent().intentId();
        ApprovalService.Proposal again = s.propose(intent("SIM0001", 10), price("SIM0001"));
        assertNull(again.intent());
        assertTrue(again.refused().orElseThrow().contains("one entry per symbol: SIM0001 already has pending intent " + first),
                again.refused().toString());

        assertEquals(Kind.SUBMITTED, s.approve(first, "shell").kind());   // resting at the broker, unfilled
        ApprovalService.Proposal third = s.propose(intent("SIM0001", 10), price("SIM0001"));
        assertTrue(third.refused().orElseThrow().contains("already has entry order"), third.refused().toString());
        assertEquals(1, s.count(), "only the first intent was stored");
    }

    @Test
    void anApprovalThatWouldMakeASecondEntryIsRefusedNamingTheLimit() {
        // Two pending intents for one symbol, as a daemon before this check (or two processes at once) could leave them.
        IntentRepository repo = new IntentRepository(store.jdbi());
        ApprovalService s = service(false);
        long a = repo.insert("paper", restingLimit("SIM0002", 10), NOON, NOON.plusSeconds(300), price("SIM0002"));
        long early = repo.insert("paper", restingLimit("SIM0002", 10), NOON, NOON.plusSeconds(300), price("SIM0002"));
        ApprovalOutcome refused = s.approve(early, "shell");
        assertEquals(Kind.REFUSED, refused.kind(), "the older pending intent holds the symbol: " + refused);
        assertTrue(refused.reason().contains("pending intent " + a), refused.reason());
        long b = repo.insert("paper", restingLimit("SIM0002", 10), NOON, NOON.plusSeconds(300), price("SIM0002"));
        assertEquals(Kind.SUBMITTED, s.approve(a, "telegram:1").kind(), "the first one approved wins");
        ApprovalOutcome second = s.approve(b, "telegram:1");
        assertEquals(Kind.REFUSED, second.kind());
        assertTrue(second.reason().startsWith("one entry per symbol: SIM0002 already has entry order"), second.reason());
        assertEquals(0, entryOrders(b), "nothing sent for the refused one");
        assertEquals(IntentRepository.Status.REJECTED, repo.find(b).orElseThrow().status());
        assertEquals(Kind.ALREADY_DECIDED, s.approve(b, "shell").kind(), "refused for good");
    }

    @Test
    void openPositionSlotsCountPendingIntentsAndTheCapIsCheckedAtApproval() {
        ApprovalService s = service(false, new Exposure.Limits(0.10, 2));
        assertNotNull(s.propose(restingLimit("SIM0001", 10), price("SIM0001")).intent());
        assertNotNull(s.propose(restingLimit("SIM0002", 10), price("SIM0002")).intent());
        ApprovalService.Proposal third = s.propose(restingLimit("SIM0003", 10), price("SIM0003"));
        assertTrue(third.refused().orElseThrow().startsWith("max open positions (risk.max_open_positions 2): 2 taken"), third.refused().toString());

        // Equity 100,000 and a 10 % cap: 10,000 at most (1 % headroom for the account moving since the sizing).
        IntentRepository repo = new IntentRepository(store.jdbi());
        int tooMany = (int) Math.ceil(10_200 / price("SIM0004"));
        long big = repo.insert("paper", intent("SIM0004", tooMany), NOON, NOON.plusSeconds(300), price("SIM0004"));
        ApprovalService roomy = service(false, new Exposure.Limits(0.10, 10));
        ApprovalOutcome o = roomy.approve(big, "shell");
        assertEquals(Kind.REFUSED, o.kind());
        assertTrue(o.reason().startsWith("position cap (risk.max_position_pct 10 %)"), o.reason());
        assertEquals(0, entryOrders(big));
    }

    @Test
    void onASimulatedClockTheApprovalWindowIsTheTradersTimeNotMarketTime() {
        SimClock sim = new SimClock(NOON, 60);
        sim.start();
        OrderManager orders = new OrderManager(
                new PaperBroker(store.jdbi(), MARKET, sim::instant, new PaperFillModel(5, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1),
                new OrderRepository(store.jdbi(), sim), new ControlFlags(store.jdbi(), sim), Notifier.log(), CrashPoints.NONE, sim);
        ApprovalService s = new ApprovalService(new IntentRepository(store.jdbi()), orders, store, sim, LastPrice.from(MARKET),
                new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false));
        Instant wallBefore = Instant.now();
        PendingIntent p = s.propose(intent("SIM0001", 10), price("SIM0001")).intent();
        assertEquals(Duration.ofMinutes(300), Duration.between(p.createdAt(), p.expiresAt()), "5 wall minutes at 60x are 300 market minutes");
        Duration wallLeft = Duration.between(wallBefore, s.wallDeadline(p));
        assertTrue(wallLeft.compareTo(Duration.ofSeconds(290)) > 0 && wallLeft.compareTo(Duration.ofSeconds(301)) < 0,
                "about 5 minutes on the trader's clock: " + wallLeft);
    }

    @Test
    void theExpiryReasonQuotesTheIntentsOwnDeadline() {
        ApprovalService s = service(false);
        long id = s.propose(intent("SIM0003", 10), price("SIM0003")).intent().intentId();
        clock.advance(Duration.ofMinutes(6));
        ApprovalOutcome o = s.approve(id, "shell");
        assertEquals(Kind.EXPIRED, o.kind());
        assertEquals("not approved by its deadline (2024-06-12 12:05:00 ET)", o.reason());
    }

    @Test
    void approveSubmitsOneOrderAndASecondPressIsAnsweredAlreadyDecided() {
        ApprovalService s = service(false);
        long id = s.propose(intent("SIM0001", 10), price("SIM0001")).intent().intentId();
        assertEquals(1, s.pending().size());

        ApprovalOutcome first = s.approve(id, "shell");
        assertTrue(first.kind() == Kind.SUBMITTED || first.kind() == Kind.FILLED, first.toString());
        ApprovalOutcome second = s.approve(id, "rest");
        assertEquals(Kind.ALREADY_DECIDED, second.kind());
        assertEquals(ApprovalOutcome.Verdict.APPROVED, second.earlier().verdict());
        assertEquals("shell", second.earlier().actor());
        assertEquals(1, entryOrders(id));
        assertTrue(s.pending().isEmpty());
        assertEquals(List.of(first), settled, "a shell decision is reported to the other channel");
    }

    @Test
    void concurrentPressesAndTwoProcessesGiveExactlyOneOrder() throws Exception {
        ApprovalService a = service(false), b = service(false);   // two services on one database, like two processes
        long id = a.propose(intent("SIM0002", 5), price("SIM0002")).intent().intentId();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApprovalOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ApprovalService s = i % 2 == 0 ? a : b;
            String actor = "telegram:" + i;
            results.add(pool.submit((Callable<ApprovalOutcome>) () -> {
                go.await();
                return s.approve(id, actor);
            }));
        }
        go.countDown();
        int decided = 0, already = 0;
        for (Future<ApprovalOutcome> f : results) {
            Kind k = f.get().kind();
            if (k == Kind.SUBMITTED || k == Kind.FILLED) decided++;
            if (k == Kind.ALREADY_DECIDED) already++;
        }
        pool.shutdown();
        assertEquals(1, decided);
        assertEquals(5, already);
        assertEquals(1, entryOrders(id));
    }

    @Test
    void rejectThenApproveSendsNothing() {
        ApprovalService s = service(false);
        long id = s.propose(intent("SIM0003", 5), price("SIM0003")).intent().intentId();
        assertEquals(Kind.REJECTED, s.reject(id, "shell").kind());
        ApprovalOutcome late = s.approve(id, "telegram:1");
        assertEquals(Kind.ALREADY_DECIDED, late.kind());
        assertEquals(ApprovalOutcome.Verdict.REJECTED, late.earlier().verdict());
        assertEquals(0, entryOrders(id));
        assertEquals(Kind.NOT_FOUND, s.approve(9999, "shell").kind());
    }

    @Test
    void anIntentExpiresAfterItsTimeoutAndTheSweepReportsItOnce() {
        ApprovalService s = service(false);
        long id = s.propose(intent("SIM0004", 5), price("SIM0004")).intent().intentId();
        clock.advance(Duration.ofMinutes(4));
        assertTrue(s.expireDue().isEmpty());
        clock.advance(Duration.ofMinutes(2));
        List<ApprovalOutcome> expired = s.expireDue();
        assertEquals(1, expired.size());
        assertEquals(Kind.EXPIRED, expired.get(0).kind());
        assertTrue(s.expireDue().isEmpty(), "reported once");
        assertEquals(Kind.ALREADY_DECIDED, s.approve(id, "shell").kind());
        assertEquals(0, entryOrders(id));
    }

    @Test
    void aPriceThatMovedTooFarExpiresTheIntentAtApproval() {
        ApprovalService s = service(false);
        double p = price("SIM0005");
        long id = s.propose(intent("SIM0005", 5), p * 0.95).intent().intentId();   // the signal saw a price 5% lower
        ApprovalOutcome o = s.approve(id, "shell");
        assertEquals(Kind.EXPIRED, o.kind());
        assertTrue(o.reason().contains("price moved"), o.reason());
        assertEquals(0, entryOrders(id));
    }

    @Test
    void whilePausedTheIntentStaysPendingAndCanBeApprovedAfterResume() {
        ApprovalService s = service(false);
        long id = s.propose(intent("SIM0006", 5), price("SIM0006")).intent().intentId();
        new ControlFlags(store.jdbi(), clock).setPaused(true, "test");
        assertEquals(Kind.PAUSED, s.approve(id, "shell").kind());
        assertEquals(1, s.pending().size());
        new ControlFlags(store.jdbi(), clock).setPaused(false, "test");
        assertNotEquals(Kind.PAUSED, s.approve(id, "shell").kind());
        assertEquals(1, entryOrders(id));
    }

    @Test
    void paperAutoApproveSubmitsAtOnce() {
        ApprovalService s = service(true);
        ApprovalService.Proposal p = s.propose(intent("SIM0007", 5), price("SIM0007"));
        assertTrue(p.autoApproved().isPresent());
        assertEquals(1, entryOrders(p.intent().intentId()));
        assertTrue(s.pending().isEmpty());
    }

    @Test
    void anApprovalInterruptedBeforeItsOrderIsFinishedOnceAtStart() {
        ApprovalService s = service(false);
        long id = s.propose(intent("SIM0008", 5), price("SIM0008")).intent().intentId();
        // A crash right after the claim: status APPROVED, no outcome, no order.
        assertTrue(new IntentRepository(store.jdbi()).decide(id, IntentRepository.Status.APPROVED, "telegram:1", NOON, null, null));
        ApprovalService restarted = service(false);
        assertEquals(1, restarted.resumeInterrupted().size());
        assertTrue(restarted.resumeInterrupted().isEmpty(), "nothing left to resume");
        assertEquals(1, entryOrders(id));
        StoredOrder o = new OrderRepository(store.jdbi(), clock).byIntent("paper", "intent-" + id, OrderRole.ENTRY).orElseThrow();
        assertEquals(BigDecimal.valueOf(price("SIM0008") * 0.97).setScale(2, RoundingMode.HALF_UP), o.stopLoss());
    }
}
