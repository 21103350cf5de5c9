package autotrader.view;

import autotrader.app.TraderDesk;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository;
import autotrader.approvals.LastPrice;
import autotrader.approvals.TraderCommands.PnlPeriod;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.alerts.Notifier;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRepository.BookPosition;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderState;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import autotrader.web.Desk;
import autotrader.web.DeskServer;
import autotrader.web.WebSettings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The read model on a real SQLite file with a paper fill over the simulator: the position, its unrealised P&L and
 * today's P&L in one money type, and Telegram's text and the desk's JSON showing the same numbers.
 */
class TraderViewTest {

    static final SimMarket MARKET = new SimMarket(new SimSettings(3, 20, null));
    static final Instant NOON = LocalDateTime.parse("2024-06-12T12:00").atZone(MarketCalendar.NEW_YORK).toInstant();
    /** The desk's JSON with its numbers as written (BigDecimal), so cents compare exactly. */
    static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    @Test
    void aPaperFillIsOneNumberInTheViewTelegramAndTheDesk() throws Exception {
        Store store = Store.open(dir.resolve("state.db"), 5000);
        MutableClock clock = new MutableClock(NOON);
        OrderManager orders = new OrderManager(
                new PaperBroker(store.jdbi(), MARKET, clock::instant, new PaperFillModel(0, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1),
                new OrderRepository(store.jdbi(), clock), new ControlFlags(store.jdbi(), clock), Notifier.log(), CrashPoints.NONE, clock);
        ApprovalService approvals = new ApprovalService(new IntentRepository(store.jdbi()), orders, store, clock, LastPrice.from(MARKET),
                new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false));
        TraderView view = new TraderView("paper", store, orders, approvals, LastPrice.from(MARKET), clock, null, null);

        assertFalse(view.pnl(PnlPeriod.TODAY).known(), "no account snapshot yet");
        orders.repository().snapshot("paper", orders.broker().balances());   // the day's first snapshot, as the reconciler takes it
        StoredOrder entry = orders.submit(OrderRequest.entry("t-SIM0001", "SIM0001", Side.BUY, 10, EntryType.MARKET, null, null, null, null));
        clock.advance(Duration.ofMinutes(1));
        entry = orders.refresh(entry.id());
        assertEquals(OrderState.FILLED, entry.state());
        clock.advance(Duration.ofMinutes(30));   // the price moves on

        Book book = view.positions();
        assertEquals(clock.instant(), book.asOf());
        assertEquals(1, book.positions().size(), book.toString());
        PositionValue p = book.positions().get(0);
        assertEquals("SIM0001", p.symbol());
        assertEquals(10, p.quantity());
        assertEquals(0, entry.avgFillPrice().compareTo(p.avgPrice()), "the book's price is the fill's");
        double last = LastPrice.from(MARKET).at("SIM0001", clock.instant()).orElseThrow();
        BigDecimal expected = BigDecimal.valueOf(last).subtract(entry.avgFillPrice()).multiply(BigDecimal.TEN).setScale(2, RoundingMode.HALF_UP);
        assertEquals(expected, p.unrealizedPnl(), "(last - fill) x 10 in cents");
        assertEquals(2, p.unrealizedPnl().scale());
        assertNotEquals(0, p.unrealizedPnl().signum(), "the price moved in 30 minutes: " + p);
        assertEquals(p.unrealizedPnl(), book.unrealizedPnl());
        assertTrue(book.allPriced());

        // Today's P&L from the paper ledger (cash + positions at the last bar against the morning snapshot), no commission:
        // the same money as the position's unrealised P&L, by another path.
        PeriodPnl today = view.pnl(PnlPeriod.TODAY);
        assertTrue(today.known());
        assertEquals(0, today.startEquity().compareTo(BigDecimal.valueOf(100_000)));
        assertEquals(p.unrealizedPnl(), today.change(), today.toString());
        assertEquals(2, today.change().scale());
        assertEquals(today.change().doubleValue() / 1000, today.changePct(), 1e-9);
        assertEquals(today.change(), view.pnl(PnlPeriod.ALL).change(), "one snapshot: all time is today");

        // Telegram formats the view's numbers.
        TraderDesk telegram = new TraderDesk("paper", store, orders, approvals, LastPrice.from(MARKET), clock, null);
        String money = String.format("%+,.2f", p.unrealizedPnl());
        assertTrue(telegram.positions().contains("P&L " + money + " "), telegram.positions());
        assertTrue(telegram.pnl(PnlPeriod.TODAY).startsWith("P&L today: " + String.format("%+,.2f", today.change()) + " "),
                telegram.pnl(PnlPeriod.TODAY));

        // The desk's REST API: the same cents.
        Desk desk = new Desk("paper", store, orders, approvals, LastPrice.from(MARKET), clock, "test clock", MARKET, () -> null, null,
                dir.resolve("backtests"));
        try (DeskServer server = DeskServer.start(new WebSettings("127.0.0.1", 0, null), desk)) {
            JsonNode positions = get(server, "api/positions");
            JsonNode rest = positions.get("positions").get(0);
            assertEquals("SIM0001", rest.get("symbol").asText());
            // JSON writes the number without trailing zeros (1.00 as 1): the same amount.
            assertEquals(0, p.unrealizedPnl().compareTo(rest.get("unrealized_pnl").decimalValue()), rest.toString());
            assertEquals(0, p.unrealizedPnl().compareTo(positions.get("unrealized_pnl").decimalValue()), positions.toString());
            JsonNode pnl = get(server, "api/pnl");
            assertEquals(0, today.change().compareTo(pnl.get("periods").get("today").get("change").decimalValue()), pnl.toString());
            assertEquals(0, today.equity().compareTo(pnl.get("equity").decimalValue()));
        }
    }

    /** A half cent that a double product puts just under .5 is rounded up, as the desk always did: Telegram now says the same. */
    @Test
    void unrealisedPnlIsRoundedHalfUpOnTheExactProduct() {
        BookPosition held = new BookPosition("ABC", 3, new BigDecimal("100.005"));
        assertEquals(-0.014999999999986358, (100.0 - 100.005) * 3, 0.0, "the double product falls short of the half cent");
        PositionValue v = TraderView.value(held, OptionalDouble.of(100.0));
        assertEquals(new BigDecimal("-0.02"), v.unrealizedPnl());
        assertEquals(new BigDecimal("300.00"), v.marketValue());
        assertEquals(-0.005 / 100.005 * 100, v.unrealizedPnlPct(), 1e-9);

        PositionValue unpriced = TraderView.value(held, OptionalDouble.empty());
        assertFalse(unpriced.priced());
        assertNull(unpriced.unrealizedPnl());
        assertTrue(Double.isNaN(unpriced.unrealizedPnlPct()));
    }

    private static JsonNode get(DeskServer server, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return EXACT.readTree(r.body());
    }
}
