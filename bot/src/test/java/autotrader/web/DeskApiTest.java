package autotrader.web;

import autotrader.approvals.IntentRepository;
import autotrader.charts.UPlot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The REST API over HTTP with a real client, against the daemon's own services on a sim market, a
 * paper account and SQLite: one cycle through POST /api/cycle, then reads, auth, bad requests and
 * approvals (a second approval, or eight at once, still make exactly one order).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class DeskApiTest {

    private static final String TOKEN = "test-token-7f3a";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private DeskFixture f;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(120)).readTimeout(Duration.ofSeconds(120)).build();
    /** Pending intents of the cycle, handed out one per test that decides one. */
    private final Deque<Long> pending = new ArrayDeque<>();
    private JsonNode cycle;

    record Answer(int code, JsonNode json, String wwwAuthenticate) {
    }

    @BeforeAll
    void startAndRunOneCycle() throws IOException {
        dir = Files.createTempDirectory("desk-api");
        f = DeskFixture.start(dir, TOKEN);
        Answer r = post("/api/cycle", null, TOKEN);
        assertEquals(200, r.code(), r.json().toString());
        cycle = r.json();
        for (JsonNode i : cycle.get("intents")) pending.add(i.get("id").asLong());
        assertTrue(pending.size() >= 4, "the cycle made enough intents to test with: " + cycle);
    }

    @AfterAll
    void stop() {
        if (f != null) f.close();
    }

    @Test
    @Order(1)
    void theCycleAnswerSaysWhatItMade() {
        assertEquals(DeskFixture.CYCLE_AT.toString(), cycle.get("as_of").asText());
        int stored = f.ctx.store().decisions().count();
        assertEquals(stored, cycle.get("decisions").asInt());
        int buys = f.ctx.store().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM decisions WHERE decision = 'BUY'").mapTo(Integer.class).one());
        assertEquals(buys, cycle.get("buys").asInt());
        int intents = f.ctx.store().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM intents").mapTo(Integer.class).one());
        assertEquals(intents, cycle.get("intents").size());
        assertTrue(cycle.get("rules_version").asText().matches("[0-9a-f]{12}"), cycle.toString());
        String audited = f.ctx.store().jdbi().withHandle(h -> h.createQuery("SELECT actor FROM audit_log WHERE action = 'web.cycle'")
                .mapTo(String.class).one());
        assertEquals("rest:127.0.0.1", audited);
    }

    @Test
    @Order(2)
    void healthSaysModeSourceClockLastCycleAndRules() throws IOException {
        Answer r = get("/api/health", null);
        assertEquals(200, r.code(), r.json().toString());
        JsonNode h = r.json();
        assertEquals("ok", h.get("status").asText(), h.toString());
        assertEquals("paper", h.get("mode").asText());
        assertTrue(h.get("paper").asBoolean());
        assertTrue(h.get("market").get("simulated").asBoolean());
        assertTrue(h.get("market").get("source").asText().contains("SIMULATED"), h.toString());
        assertEquals(DeskFixture.CYCLE_AT.toString(), h.get("clock").get("now").asText());
        assertEquals(DeskFixture.CYCLE_AT.toString(), h.get("last_cycle").get("as_of").asText());
        assertEquals(cycle.get("buys").asInt(), h.get("last_cycle").get("buys").asInt());
        assertEquals(cycle.get("rules_version").asText(), h.get("rules_version").asText());
        assertEquals("enabled", h.get("cycles").asText());
        assertTrue(h.get("auth").get("token_configured").asBoolean());
        assertFalse(h.get("auth").get("reads_need_token").asBoolean());
        // The fixture's rules have the skill gate off (the committed model has no out-of-sample record): trading, and why.
        assertTrue(h.get("trading").get("allowed").asBoolean(), h.toString());
        assertEquals(f.loop.tradingGate().line(), h.get("trading").get("line").asText());
        assertTrue(h.get("trading").get("line").asText().startsWith("trading: yes — the rules "), h.toString());
    }

    @Test
    @Order(3)
    void signalsAreTheLatestCycleInTheDecisionShapeWithTheIntentTheRulesMade() throws IOException {
        Answer all = get("/api/signals", null);
        assertEquals(200, all.code());
        JsonNode list = all.json().get("signals");
        assertEquals(cycle.get("decisions").asInt(), list.size());
        assertEquals(DeskFixture.CYCLE_AT.toString(), all.json().get("as_of").asText());
        double previous = Double.MAX_VALUE;
        int withIntent = 0, explained = 0;
        for (JsonNode s : list) {
            for (String field : new String[]{"symbol", "price", "decision", "confidence", "expected_return", "risk_score", "time_horizon",
                    "predictions", "risk_metrics", "models_agree", "intent", "rejection"}) assertTrue(s.has(field), field + " in " + s);
            assertTrue(s.get("confidence").asDouble() <= previous, "best confidence first");
            // Beside each BUY, the model's out-of-sample record at its confidence (none on the committed card).
            if (s.get("decision").asText().equals("BUY")) {
                assertEquals(f.loop.modelSkill().evidence(s.get("confidence").asDouble()), s.get("evidence").asText(), s.toString());
            } else {
                assertTrue(s.get("evidence").isNull(), s.toString());
            }
            previous = s.get("confidence").asDouble();
            if (!s.get("intent").isNull()) {
                withIntent++;
                assertEquals(s.get("symbol").asText(), s.get("intent").get("symbol").asText());
                assertEquals("BUY", s.get("decision").asText());
                assertTrue(s.get("intent").get("quantity").asInt() > 0 && s.get("intent").get("stop_loss").asDouble() < s.get("price").asDouble());
            } else if (!s.get("rejection").isNull()) {
                explained++;
                assertFalse(s.get("rejection").get("reason").asText().isBlank());
            }
        }
        assertEquals(cycle.get("intents").size(), withIntent, "every intent of the cycle is on its decision");
        assertEquals(list.size() - withIntent, explained, "the rules' reason is given for every decision without an intent");

        Answer buys = get("/api/signals?decision=buy&limit=3", null);
        assertEquals(200, buys.code());
        assertEquals(Math.min(3, cycle.get("buys").asInt()), buys.json().get("signals").size());
        for (JsonNode s : buys.json().get("signals")) assertEquals("BUY", s.get("decision").asText());

        assertEquals(400, get("/api/signals?decision=MAYBE", null).code());
        assertEquals(400, get("/api/signals?limit=0", null).code());
        assertTrue(get("/api/signals?limit=lots", null).json().get("error").asText().contains("limit"));
    }

    @Test
    @Order(4)
    void oneSymbolsSignalOr404() throws IOException {
        long id = pending.peek();
        String symbol = f.approvals.find(id).orElseThrow().symbol();
        Answer r = get("/api/signals/" + symbol.toLowerCase(), null);
        assertEquals(200, r.code());
        assertEquals(symbol, r.json().get("symbol").asText());
        assertEquals(id, r.json().get("intent").get("id").asLong());
        assertEquals("PENDING", r.json().get("intent").get("status").asText());

        Answer unknown = get("/api/signals/ZZZZ", null);
        assertEquals(404, unknown.code());
        assertEquals(404, unknown.json().get("status").asInt());
        assertTrue(unknown.json().get("error").asText().contains("ZZZZ"), unknown.json().toString());
        assertEquals(400, get("/api/signals/$$$", null).code());
    }

    @Test
    @Order(5)
    void changesNeedTheBearerTokenAndEveryRefusalIsAudited() throws IOException {
        long id = pending.peek();
        Answer none = post("/api/intents/" + id + "/approve", null, null);
        assertEquals(401, none.code());
        assertEquals(401, none.json().get("status").asInt());
        assertTrue(none.json().get("error").asText().contains("Authorization: Bearer"), none.json().toString());
        assertNotNull(none.wwwAuthenticate());
        assertEquals(401, post("/api/intents/" + id + "/approve", null, "wrong-" + TOKEN).code());
        assertEquals(401, post("/api/cycle", null, "").code());
        Request basic = new Request.Builder().url(f.url("/api/intents/" + id + "/approve")).header("Authorization", "Basic dXNlcjpwYXNz")
                .post(RequestBody.create(new byte[0], JSON_TYPE)).build();
        try (Response resp = http.newCall(basic).execute()) {
            assertEquals(401, resp.code());
        }
        assertEquals(IntentRepository.Status.PENDING, new IntentRepository(f.ctx.store().jdbi()).find(id).orElseThrow().status());
        assertEquals(0, f.entryOrders(id), "nothing was ordered");
        List<String> audit = f.ctx.store().jdbi().withHandle(h -> h.createQuery(
                "SELECT detail FROM audit_log WHERE action = 'web.unauthorized' ORDER BY id").mapTo(String.class).list());
        assertEquals(4, audit.size(), audit.toString());
        assertTrue(audit.get(0).startsWith("POST /api/intents/" + id + "/approve: no Authorization header"), audit.get(0));
        assertTrue(audit.get(1).endsWith("wrong token"), audit.get(1));
        assertTrue(audit.stream().noneMatch(a -> a.contains(TOKEN)), "the token is never written to the audit log");
        assertEquals(200, get("/api/positions", null).code(), "reads on loopback need no token");

        // A page on another site that re-points its own name at 127.0.0.1 still cannot read the desk.
        Request rebound = new Request.Builder().url(f.url("/api/positions")).header("Host", "evil.example:" + f.server.port()).build();
        try (Response resp = http.newCall(rebound).execute()) {
            assertEquals(403, resp.code());
            assertTrue(JSON.readTree(resp.body().string()).get("error").asText().contains("loopback"));
        }
    }

    @Test
    @Order(6)
    void withoutAConfiguredTokenChangesAreRefusedWithHowToSetOne() throws IOException {
        try (DeskServer open = DeskServer.start(new WebSettings("127.0.0.1", 0, null), f.desk)) {
            Request req = new Request.Builder().url(open.url() + "api/intents/" + pending.peek() + "/approve")
                    .header("Authorization", "Bearer anything").post(RequestBody.create(new byte[0], JSON_TYPE)).build();
            try (Response resp = http.newCall(req).execute()) {
                assertEquals(401, resp.code());
                assertTrue(JSON.readTree(resp.body().string()).get("error").asText().contains("AUTOTRADER_WEB_TOKEN"));
            }
            try (Response resp = http.newCall(new Request.Builder().url(open.url() + "api/health").build()).execute()) {
                JsonNode h = JSON.readTree(resp.body().string());
                assertFalse(h.get("auth").get("token_configured").asBoolean());
            }
        }
        // A port in use is refused with the address named (run turns it into exit 2 naming web.port).
        IllegalStateException taken = assertThrows(IllegalStateException.class,
                () -> DeskServer.start(new WebSettings("127.0.0.1", f.server.port(), TOKEN), f.desk));
        assertTrue(taken.getMessage().contains("127.0.0.1:" + f.server.port()), taken.getMessage());
        // Listening beyond loopback: reads need the token as well.
        try (DeskServer remote = DeskServer.start(new WebSettings("0.0.0.0", 0, TOKEN), f.desk)) {
            String base = "http://127.0.0.1:" + remote.port();
            try (Response resp = http.newCall(new Request.Builder().url(base + "/api/positions").build()).execute()) {
                assertEquals(401, resp.code());
            }
            try (Response resp = http.newCall(new Request.Builder().url(base + "/api/positions").header("Authorization", "Bearer " + TOKEN).build())
                    .execute()) {
                assertEquals(200, resp.code());
            }
        }
    }

    @Test
    @Order(7)
    void badJsonBadIdsAndUnknownIntentsAreClientErrors() throws IOException {
        long id = pending.peek();
        Answer badJson = post("/api/intents/" + id + "/approve", "{\"symbol\": ", TOKEN);
        assertEquals(400, badJson.code());
        assertTrue(badJson.json().get("error").asText().contains("not valid JSON"), badJson.json().toString());
        Answer unknownField = post("/api/intents/" + id + "/approve", "{\"symbol\": \"X\", \"price\": 1}", TOKEN);
        assertEquals(400, unknownField.code());
        assertTrue(unknownField.json().get("error").asText().contains("'price'"), unknownField.json().toString());
        assertEquals(400, post("/api/intents/" + id + "/approve", "[1, 2]", TOKEN).code());
        assertEquals(400, post("/api/intents/abc/approve", null, TOKEN).code());
        assertEquals(400, post("/api/intents/-4/reject", null, TOKEN).code());
        Answer unknown = post("/api/intents/987654/approve", null, TOKEN);
        assertEquals(404, unknown.code());
        assertEquals("NOT_FOUND", unknown.json().get("outcome").get("outcome").asText());

        // The page sends what it showed; an intent that is something else is not approved.
        var p = f.approvals.find(id).orElseThrow();
        Answer other = post("/api/intents/" + id + "/approve", "{\"symbol\": \"" + p.symbol() + "\", \"quantity\": " + (p.quantity() + 1) + "}", TOKEN);
        assertEquals(409, other.code());
        assertTrue(other.json().get("error").asText().contains("nothing was done"), other.json().toString());
        assertEquals(0, f.entryOrders(id));

        Answer notFound = get("/api/nothing-here", null);
        assertEquals(404, notFound.code());
        assertEquals(404, notFound.json().get("status").asInt());
        Answer wrongMethod = get("/api/cycle", null);
        assertEquals(405, wrongMethod.code());
        assertTrue(wrongMethod.json().get("error").asText().contains("not allowed"), wrongMethod.json().toString());
    }

    @Test
    @Order(8)
    void approvingTwiceMakesOneOrder() throws IOException {
        long id = pending.poll();
        var p = f.approvals.find(id).orElseThrow();
        Answer first = post("/api/intents/" + id + "/approve", "{\"symbol\": \"" + p.symbol() + "\", \"quantity\": " + p.quantity() + "}", TOKEN);
        assertEquals(200, first.code(), first.json().toString());
        assertTrue(List.of("SUBMITTED", "FILLED").contains(first.json().get("outcome").asText()), first.json().toString());
        assertEquals("rest:127.0.0.1", first.json().get("actor").asText());
        assertEquals("APPROVED", first.json().get("intent").get("status").asText());
        Answer again = post("/api/intents/" + id + "/approve", null, TOKEN);
        assertEquals(409, again.code());
        assertEquals("ALREADY_DECIDED", again.json().get("outcome").get("outcome").asText());
        assertEquals("APPROVED", again.json().get("outcome").get("earlier").get("verdict").asText());
        assertEquals(409, post("/api/intents/" + id + "/reject", null, TOKEN).code());
        assertEquals(1, f.entryOrders(id));
    }

    @Test
    @Order(9)
    void eightApprovalsAtOnceMakeOneOrder() throws Exception {
        long id = pending.poll();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> codes = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                codes.add(pool.submit((Callable<Integer>) () -> {
                    go.await();
                    return post("/api/intents/" + id + "/approve", null, TOKEN).code();
                }));
            }
            go.countDown();
            int ok = 0, conflict = 0;
            for (Future<Integer> c : codes) {
                int code = c.get();
                if (code == 200) ok++;
                else if (code == 409) conflict++;
            }
            assertEquals(1, ok, "exactly one approval went through");
            assertEquals(7, conflict);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, f.entryOrders(id));
    }

    @Test
    @Order(10)
    void aRejectedIntentCannotBeApprovedAfterwards() throws IOException {
        long id = pending.poll();
        Answer r = post("/api/intents/" + id + "/reject", null, TOKEN);
        assertEquals(200, r.code());
        assertEquals("REJECTED", r.json().get("outcome").asText());
        Answer late = post("/api/intents/" + id + "/approve", null, TOKEN);
        assertEquals(409, late.code());
        assertTrue(late.json().get("error").asText().contains("already rejected by rest:127.0.0.1"), late.json().toString());
        assertEquals(0, f.entryOrders(id));
    }

    @Test
    @Order(11)
    void positionsOrdersAndPnlFollowTheFills() throws IOException {
        f.clock.advance(Duration.ofMinutes(3));       // the paper broker fills market orders on the next bars
        f.monitorAndSnapshot();
        Answer pos = get("/api/positions", null);
        assertEquals(200, pos.code());
        JsonNode positions = pos.json().get("positions");
        assertEquals(2, positions.size(), "the two approved intents are held: " + pos.json());
        double total = 0;
        for (JsonNode p : positions) {
            double expected = (p.get("last_price").asDouble() - p.get("avg_price").asDouble()) * p.get("quantity").asLong();
            assertEquals(expected, p.get("unrealized_pnl").asDouble(), 0.01, p.toString());
            total += p.get("unrealized_pnl").asDouble();
        }
        assertEquals(total, pos.json().get("unrealized_pnl").asDouble(), 0.02);

        JsonNode orders = get("/api/orders?limit=100", null).json().get("orders");
        long entries = 0;
        for (JsonNode o : orders) if ("ENTRY".equals(o.get("role").asText())) entries++;
        assertEquals(2, entries);
        assertEquals(f.allEntryOrders(), entries);
        assertEquals(400, get("/api/orders?limit=-1", null).code());

        JsonNode pnl = get("/api/pnl", null).json();
        assertTrue(pnl.get("equity").asDouble() > 0);
        JsonNode all = pnl.get("periods").get("all");
        assertEquals(pnl.get("equity").asDouble() - all.get("start_equity").asDouble(), all.get("change").asDouble(), 0.01);

        // The equity curve on a time axis: every snapshot with its time in Unix seconds, rising, the last one the latest snapshot.
        JsonNode eq = get("/api/equity", null).json();
        assertEquals("paper", eq.get("account").asText());
        assertTrue(eq.get("simulated").asBoolean(), "the sim market says so: " + eq);
        JsonNode points = eq.get("points");
        assertTrue(points.size() >= 2, "a snapshot at start and one now: " + eq);
        assertEquals(eq.get("snapshots").asInt(), points.size());
        long before = Long.MIN_VALUE;
        for (JsonNode p : points) {
            assertEquals(Instant.parse(p.get("at").asText()).getEpochSecond(), p.get("t").asLong(), p.toString());
            assertTrue(p.get("t").asLong() >= before, "time rises: " + points);
            before = p.get("t").asLong();
        }
        var latest = f.orders.orders().repository().latestSnapshot("paper").orElseThrow();
        assertEquals(latest.equity().doubleValue(), points.get(points.size() - 1).get("equity").asDouble(), 1e-6);
        assertEquals(latest.at().getEpochSecond(), points.get(points.size() - 1).get("t").asLong());
        String lastAt = points.get(points.size() - 1).get("at").asText();
        JsonNode since = get("/api/equity?since=" + lastAt, null).json();
        assertEquals(1, since.get("points").size(), "since keeps the snapshots from then on: " + since);
        Answer bad = get("/api/equity?since=yesterday", null);
        assertEquals(400, bad.code());
        assertTrue(bad.json().get("error").asText().startsWith("since must be an ISO-8601 instant"), bad.json().toString());
    }

    @Test
    @Order(90)
    void thePageLoadsTheChartLibraryFromThisDaemon() throws IOException {
        String page = text("/");
        String js = UPlot.WEB_PATH + UPlot.JS;
        assertTrue(page.contains("src=\"" + js.substring(1) + "\""), "index.html names the WebJar's version " + UPlot.VERSION);
        assertTrue(page.contains("href=\"" + (autotrader.charts.UPlot.WEB_PATH + autotrader.charts.UPlot.CSS).substring(1) + "\""));
        assertFalse(page.contains("//cdn") || page.contains("https://"), "nothing from a CDN");
        assertEquals(UPlot.js(), text(js), "the daemon serves uPlot from the WebJar");
    }

    private String text(String path) throws IOException {
        try (Response resp = http.newCall(new Request.Builder().url(f.url(path)).build()).execute()) {
            assertEquals(200, resp.code(), path);
            return resp.body().string();
        }
    }

    @Test
    @Order(12)
    void anIntentPastItsTimeoutExpiresInsteadOfTrading() throws IOException {
        long id = pending.poll();
        f.clock.advance(Duration.ofSeconds(f.ctx.config().approvals.timeoutSeconds + 1));
        Answer r = post("/api/intents/" + id + "/approve", null, TOKEN);
        assertEquals(409, r.code());
        assertEquals("EXPIRED", r.json().get("outcome").get("outcome").asText());
        assertEquals(0, f.entryOrders(id));
    }

    @Test
    @Order(13)
    void theLatestBacktestsMetricsAreServedAsWritten() throws IOException {
        Answer none = get("/api/backtests/latest", null);
        assertEquals(404, none.code());
        assertTrue(none.json().get("error").asText().contains("no backtest report"));
        Path backtests = dir.resolve("state/backtests");
        Path older = Files.createDirectories(backtests.resolve("run-a")).resolve("metrics.json");
        Path newer = Files.createDirectories(backtests.resolve("run-b")).resolve("metrics.json");
        Files.writeString(older, "{\"sharpe\": 0.1}");
        Files.writeString(newer, "{\"sharpe\": 1.25, \"trades\": 42, \"anything\": {\"nested\": [1, 2]}}");
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2024-02-01T00:00:00Z")));
        Answer r = get("/api/backtests/latest", null);
        assertEquals(200, r.code());
        assertEquals("run-b", r.json().get("run").asText());
        assertEquals(newer.toAbsolutePath().normalize().toString(), r.json().get("path").asText());
        assertEquals(JSON.readTree(Files.readString(newer)), r.json().get("metrics"));
        assertEquals("2024-02-01T00:00:00Z", r.json().get("modified").asText());

        Files.writeString(newer, "{broken");
        Answer broken = get("/api/backtests/latest", null);
        assertEquals(500, broken.code());
        assertTrue(broken.json().get("error").asText().contains("not valid JSON"));
        assertFalse(broken.json().toString().contains("at autotrader."), "no stack trace leaves the process");
    }

    @Test
    @Order(14)
    void aCycleRequestedWhileOneRunsIsRefused() throws Exception {
        f.clock.set(DeskFixture.CYCLE_AT.plus(Duration.ofMinutes(30)));
        f.hold.close();          // the scheduled cycle stops at its start until the desk's request has been answered
        Thread scheduled = new Thread(() -> f.cycles.cycle(f.clock.instant()));
        scheduled.start();
        Answer r;
        try {
            f.hold.awaitHeldCycle();
            r = post("/api/cycle", null, TOKEN);
        } finally {
            f.hold.open();
        }
        scheduled.join();
        assertEquals(409, r.code(), r.json().toString());
        assertTrue(r.json().get("error").asText().contains("running now"));
    }

    private Answer get(String path, String token) throws IOException {
        Request.Builder b = new Request.Builder().url(f.url(path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return call(b.build());
    }

    private Answer post(String path, String body, String token) throws IOException {
        Request.Builder b = new Request.Builder().url(f.url(path)).post(RequestBody.create(body == null ? "" : body, JSON_TYPE));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return call(b.build());
    }

    private Answer call(Request req) throws IOException {
        try (Response resp = http.newCall(req).execute()) {
            String text = resp.body().string();
            JsonNode json = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
            return new Answer(resp.code(), json, resp.header("WWW-Authenticate"));
        }
    }
}
