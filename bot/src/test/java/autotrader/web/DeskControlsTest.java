package autotrader.web;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.rules.RuleEngine;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import autotrader.trading.TradingSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The desk's controls and closed-trade read-outs through a real HTTP client against the real
 * services: paper broker over the simulator, SQLite in a temp folder, a real rules engine on a copy
 * of the committed rules. Two positions with working brackets.
 */
class DeskControlsTest {

    static final String TOKEN = "desk-test-token";
    static final Instant NOON = LocalDateTime.parse("2024-06-12T12:00").atZone(MarketCalendar.NEW_YORK).toInstant();
    static final SimMarket MARKET = new SimMarket(new SimSettings(3, 20, null));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Store store;
    MutableClock clock;
    OrderManager orders;
    RuleEngine rules;
    Path rulesDir;
    DeskServer server;
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

    record Answer(int code, JsonNode json) {
    }

    @BeforeEach
    void start() throws IOException {
        store = Store.open(dir.resolve("state.db"), 5000);
        clock = new MutableClock(NOON);
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, MARKET, MarketCalendar.nyse(), clock,
                new PaperBroker(store.jdbi(), MARKET, clock::instant, new PaperFillModel(5, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1), Notifier.log()),
                new AppConfig().risk, new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false), LastPrice.from(MARKET));
        orders = system.orders();
        ApprovalService approvals = system.approvals();
        rulesDir = Files.createDirectories(dir.resolve("rules"));
        Path committed = Files.isDirectory(Path.of("..", "rules")) ? Path.of("..", "rules") : Path.of("rules");
        try (Stream<Path> files = Files.list(committed)) {
            for (Path f : files.toList()) Files.copy(f, rulesDir.resolve(f.getFileName()));
        }
        rules = RuleEngine.load(rulesDir, new AppConfig().risk, Notifier.NONE);
        Desk desk = new Desk("paper", store, orders, approvals, LastPrice.from(MARKET), clock, "test clock", MARKET,
                () -> rules.version().label(), null, dir.resolve("backtests"), rules);
        server = DeskServer.start(new WebSettings("127.0.0.1", 0, TOKEN), desk);
        for (String s : List.of("SIM0001", "SIM0002")) {
            double p = LastPrice.from(MARKET).at(s, NOON).orElseThrow();
            orders.submit(OrderRequest.entry("t-" + s, s, Side.BUY, 10, EntryType.MARKET, null,
                    BigDecimal.valueOf(p * 0.9).setScale(2, RoundingMode.HALF_UP), BigDecimal.valueOf(p * 1.1).setScale(2, RoundingMode.HALF_UP), null));
        }
        clock.advance(Duration.ofMinutes(1));
        for (StoredOrder o : orders.repository().all("paper", 10)) if (o.role() == OrderRole.ENTRY) orders.refresh(o.id());
        assertEquals(2, orders.repository().positions("paper").size());
    }

    @AfterEach
    void stop() {
        server.close();
        rules.close();
    }

    private List<StoredOrder> openLegs(String symbol) {
        return orders.repository().all("paper", 100).stream()
                .filter(o -> o.symbol().equals(symbol) && o.role().isChildLeg() && !o.state().isTerminal()).toList();
    }

    private List<StoredOrder> exits(String symbol) {
        return orders.repository().all("paper", 100).stream().filter(o -> o.symbol().equals(symbol) && o.role() == OrderRole.EXIT).toList();
    }

    @Test
    void everyControlNeedsTheToken() throws IOException {
        for (String path : List.of("/api/pause", "/api/resume", "/api/flatten", "/api/close/SIM0001", "/api/reload")) {
            assertEquals(401, post(path, null).code(), path);
            assertEquals(401, post(path, "wrong").code(), path);
        }
        assertFalse(orders.flags().paused());
        assertTrue(exits("SIM0001").isEmpty());
        assertEquals(2, openLegs("SIM0001").size());
    }

    @Test
    void pauseAndResume() throws IOException {
        assertTrue(post("/api/pause", TOKEN).json().get("paused").asBoolean());
        assertTrue(orders.flags().paused());
        assertTrue(get("/api/health").json().get("paused").asBoolean());
        assertFalse(post("/api/resume", TOKEN).json().get("paused").asBoolean());
        assertFalse(orders.flags().paused());
    }

    @Test
    void closeOneSymbolThenItIsAClosedTradeWithItsPnl() throws IOException {
        assertEquals(404, post("/api/close/ZZZ", TOKEN).code());
        assertEquals(400, post("/api/close/a$b", TOKEN).code());
        Answer r = post("/api/close/sim0001", TOKEN);
        assertEquals(200, r.code(), r.json().toString());
        assertTrue(r.json().get("ok").asBoolean(), r.json().toString());
        assertEquals("SIM0001", r.json().get("exits").get(0).get("symbol").asText());
        assertTrue(openLegs("SIM0001").isEmpty(), "its legs are canceled");
        assertEquals(2, openLegs("SIM0002").size(), "the other position's legs keep working");
        assertTrue(exits("SIM0002").isEmpty());
        assertFalse(orders.flags().paused());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(OrderState.FILLED, orders.refresh(exits("SIM0001").get(0).id()).state());
        // By hand from the two recorded fills (no commission on this paper account): (exit - entry) x 10.
        List<BigDecimal> prices = store.jdbi().withHandle(h -> h.createQuery("SELECT price FROM fills WHERE symbol = 'SIM0001' ORDER BY id")
                .mapTo(String.class).list()).stream().map(BigDecimal::new).toList();
        assertEquals(2, prices.size());
        double pnl = prices.get(1).subtract(prices.get(0)).multiply(BigDecimal.TEN).setScale(2, RoundingMode.HALF_UP).doubleValue();

        JsonNode trades = get("/api/trades").json();
        assertEquals(1, trades.get("count").asInt(), trades.toString());
        JsonNode t = trades.get("trades").get(0);
        assertEquals("SIM0001", t.get("symbol").asText());
        assertEquals(10, t.get("quantity").asInt());
        assertEquals(pnl, t.get("pnl").asDouble(), 1e-9, t.toString());
        JsonNode profit = get("/api/profit").json();
        assertEquals(pnl, profit.get("all").get("pnl").asDouble(), 1e-9);
        assertEquals(pnl, profit.get("today").get("pnl").asDouble(), 1e-9, "closed today, market time");
        assertEquals("2024-06-12", profit.get("days").get(0).get("date").asText());
        JsonNode perf = get("/api/performance").json().get("symbols");
        assertEquals(1, perf.size());
        assertEquals("SIM0001", perf.get(0).get("symbol").asText());
        assertEquals(1, perf.get(0).get("trades").asInt());
    }

    @Test
    void flattenClosesEverythingAndPauses() throws IOException {
        Answer r = post("/api/flatten", TOKEN);
        assertEquals(200, r.code(), r.json().toString());
        assertEquals(2, r.json().get("exits").size());
        assertTrue(orders.flags().paused());
        assertTrue(openLegs("SIM0001").isEmpty() && openLegs("SIM0002").isEmpty());
    }

    @Test
    void aRefusedRulesEditShowsUntilAGoodEditLands() throws IOException {
        String good = rules.version().label();
        assertEquals("ok", get("/api/health").json().get("rules").get("state").asText());
        Path filter = rulesDir.resolve("filter.drl");
        String original = Files.readString(filter);
        Files.writeString(filter, original.replace("Signal( decision != \"BUY\" )", "Signal( decision != \"BUY\" "));

        Answer refused = post("/api/reload", TOKEN);
        assertEquals(422, refused.code(), refused.json().toString());
        assertTrue(refused.json().get("error").asText().contains("filter.drl:"), refused.json().toString());
        Answer health = get("/api/health");
        assertEquals(503, health.code());
        assertEquals("degraded", health.json().get("status").asText());
        JsonNode state = health.json().get("rules");
        assertEquals("REFUSED", state.get("state").asText());
        assertEquals(good, state.get("version").asText(), "the old rules still run");
        assertTrue(state.get("refused").asText().matches("(?s).*filter\\.drl:\\d+: .*"), state.toString());
        assertTrue(health.json().get("problems").toString().contains("rules REFUSED"), health.json().toString());

        Files.writeString(filter, original + "\n// a good edit\n");
        Answer reloaded = post("/api/reload", TOKEN);
        assertEquals(200, reloaded.code(), reloaded.json().toString());
        assertEquals("RELOADED", reloaded.json().get("outcome").asText());
        JsonNode after = get("/api/health").json();
        assertEquals("ok", after.get("rules").get("state").asText(), after.toString());
        assertTrue(after.get("rules").get("refused").isNull());
        assertNotEquals(good, after.get("rules_version").asText());
        assertEquals("ok", after.get("status").asText(), after.toString());
    }

    private Answer get(String path) throws IOException {
        return call(new Request.Builder().url(server.url() + path.substring(1)).build());
    }

    private Answer post(String path, String token) throws IOException {
        Request.Builder b = new Request.Builder().url(server.url() + path.substring(1)).post(RequestBody.create("", MediaType.get("application/json")));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return call(b.build());
    }

    private Answer call(Request req) throws IOException {
        try (Response resp = http.newCall(req).execute()) {
            String text = resp.body().string();
            return new Answer(resp.code(), text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text));
        }
    }
}
