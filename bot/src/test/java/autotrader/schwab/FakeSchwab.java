package autotrader.schwab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import java.util.function.Function;
import javax.net.ServerSocketFactory;
/**
 * A stateful fake of the Schwab API (SCHWAB.md section 11) on 127.0.0.1: token endpoint, accounts,
 * orders with TRIGGER/OCO children, fills, and switchable faults. Records every request.
 */
public final class FakeSchwab implements AutoCloseable {

    public static final String APP_KEY = "fake-app-key-7f3a";
    public static final String APP_SECRET = "fake-app-secret-91bc";
    public static final String HASH = "E5B8F0A1C2D3HASH";
    public static final String ACCOUNT = "12345678";
    public static final String CODE = "C0.b2F1dGgyLmNvZGU@";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    public final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger orderPosts = new AtomicInteger();
    public final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(1001234567890L);
    private final AtomicInteger tokenSerial = new AtomicInteger();
    final Map<String, ObjectNode> orders = new LinkedHashMap<>();       // every order node by id, children included
    final Map<String, String> parentOf = new HashMap<>();
    final Map<String, BigDecimal> positions = new LinkedHashMap<>();
    BigDecimal cash = new BigDecimal("10000.00");

    public volatile String accessToken = "I0.access-0@";
    public volatile String refreshToken = "Rk9PQkFS.refresh-0@";
    public volatile boolean refreshDead;
    public volatile boolean noLocation;
    /** Statuses to answer the next GETs (non-token) with before behaving, e.g. 503, 429. */
    public final Deque<Integer> readFaults = new ArrayDeque<>();
    public volatile String retryAfter;
    public volatile int malformedReads;
    public volatile String lastOrderBody;
    /**
     * How the next order POSTs fail (SCHWAB.md section 11, SERVER_ERROR and TIMEOUT): each taken in turn;
     * {@code createsOrder} says whether the fake stores the order before answering badly (the bot cannot tell).
     */
    public final Deque<PostFault> postFaults = new ArrayDeque<>();

    public enum PostFaultKind { HTTP_500_JSON, HTTP_502_HTML, HTTP_500_EMPTY, TIMEOUT }

    public record PostFault(PostFaultKind kind, boolean createsOrder) {
    }

    /** How long a TIMEOUT fault holds its answer back: longer than the client's read timeout in the tests. */
    public volatile Duration timeoutDelay = Duration.ofSeconds(3);

    /** Answers GET /marketdata/v1/... after the auth check and the read faults above (null: 404). */
    public volatile Function<HttpUrl, MockResponse> marketData;

    /**
     * RATE_LIMIT (SCHWAB.md 11): with {@code rateLimit} > 0, a request that would be more than that many
     * inside a sliding 60 s of {@code rateClock} is answered 429 (and counted in {@code tooMany}).
     */
    public volatile int rateLimit;
    public volatile Clock rateClock = Clock.systemUTC();
    public final AtomicInteger tooMany = new AtomicInteger();
    private final Deque<Instant> rateWindow = new ArrayDeque<>();

    /** The fake streamer behind GET /trader/v1/userPreference and the /ws upgrade (null: neither exists). */
    public volatile FakeStreamer streamer;

    public FakeSchwab() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                synchronized (FakeSchwab.this) {
                    try {
                        return handle(r);
                    } catch (Exception e) {
                        return json(500, "{\"message\":\"fake failed: " + e + "\"}");
                    }
                }
            }
        });
        // TCP_NODELAY on the accepted sockets: MockWebServer writes headers and body apart, and Nagle's
        // algorithm with the client's delayed ACK would add ~40 ms to every answer (the budget test sends thousands).
        server.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new NoDelayServerSocket();
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                NoDelayServerSocket s = new NoDelayServerSocket();
                s.bind(new InetSocketAddress(port));
                return s;
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                NoDelayServerSocket s = new NoDelayServerSocket();
                s.bind(new InetSocketAddress(port), backlog);
                return s;
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                NoDelayServerSocket s = new NoDelayServerSocket();
                s.bind(new InetSocketAddress(address, port), backlog);
                return s;
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket s = super.accept();
            s.setTcpNoDelay(true);
            return s;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    public synchronized List<ObjectNode> topLevelOrders() {
        return orders.entrySet().stream().filter(e -> !parentOf.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
    }

    public synchronized ObjectNode order(String id) {
        return orders.get(id);
    }

    private MockResponse handle(RecordedRequest r) throws IOException {
        HttpUrl url = r.getUrl();
        String path = url.encodedPath();
        String method = r.getMethod();
        requestLog.add(method + " " + r.getTarget());
        if (rateLimit > 0 && !path.equals("/ws")) {
            Instant now = rateClock.instant();
            while (!rateWindow.isEmpty() && !rateWindow.peekFirst().isAfter(now.minusSeconds(60))) rateWindow.pollFirst();
            if (rateWindow.size() >= rateLimit) {
                tooMany.incrementAndGet();
                return json(429, "{\"errors\":[{\"status\":\"429\",\"title\":\"Too Many Requests\"}]}");
            }
            rateWindow.addLast(now);
        }
        if (path.equals("/v1/oauth/token")) return token(r);
        if (path.equals("/ws") && streamer != null) return streamer.upgrade();   // the websocket carries its token in the LOGIN
        String auth = r.getHeaders().get("Authorization");
        if (auth == null || !auth.equals("Bearer " + accessToken)) {
            return json(401, "{\"errors\":[{\"id\":\"x\",\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"Client not authorized\"}]}");
        }
        if (method.equals("GET")) {
            Integer fault = readFaults.poll();
            if (fault != null) {
                MockResponse.Builder b = new MockResponse.Builder().code(fault);
                if (retryAfter != null) b.addHeader("Retry-After", retryAfter);
                return b.body(fault == 503 ? "<html><body>Whitelabel Error Page</body></html>" : "{\"errors\":[{\"status\":\"" + fault + "\",\"title\":\"busy\"}]}").build();
            }
            if (malformedReads > 0) {
                malformedReads--;
                return json(200, "{\"securitiesAccount\":{\"currentBalances\":{\"cashBalance\":12");
            }
        }
        if (path.startsWith("/marketdata/v1/") && marketData != null) return marketData.apply(url);
        if (path.equals("/trader/v1/userPreference") && streamer != null) return json(200, streamer.preference(baseUrl()));
        if (path.equals("/trader/v1/accounts/accountNumbers")) {
            return json(200, "[{\"accountNumber\":\"" + ACCOUNT + "\",\"hashValue\":\"" + HASH + "\"}]");
        }
        String acct = "/trader/v1/accounts/" + HASH;
        if (!path.startsWith(acct)) return json(404, "{\"errors\":[{\"id\":\"y\",\"status\":\"404\",\"title\":\"Not Found\",\"detail\":\"no such account\"}]}");
        String rest = path.substring(acct.length());
        if (rest.isEmpty() && method.equals("GET")) return json(200, account(url.queryParameter("fields")).toString());
        if (rest.equals("/orders") && method.equals("POST")) return place(r.getBody() == null ? "" : r.getBody().utf8());
        if (rest.equals("/orders") && method.equals("GET")) return list(url);
        if (rest.startsWith("/orders/")) {
            String id = rest.substring("/orders/".length());
            ObjectNode o = orders.get(id);
            if (o == null) return json(404, "{\"errors\":[{\"id\":\"z\",\"status\":404,\"title\":\"Not Found\",\"detail\":\"Order not found\"}]}");
            if (method.equals("GET")) return json(200, o.toString());
            if (method.equals("DELETE")) {
                cancelTree(o);
                return new MockResponse.Builder().code(200).build();
            }
        }
        return json(400, "{\"message\":\"unsupported " + method + " " + path + "\",\"errors\":[]}");
    }

    private MockResponse token(RecordedRequest r) {
        tokenCalls.incrementAndGet();
        String expected = "Basic " + Base64.getEncoder().encodeToString((APP_KEY + ":" + APP_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(r.getHeaders().get("Authorization"))) return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}");
        Map<String, String> form = new HashMap<>();
        for (String pair : r.getBody().utf8().split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String grant = form.get("grant_type");
        if ("authorization_code".equals(grant)) {
            if (!CODE.equals(form.get("code"))) return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad code\"}");
        } else if ("refresh_token".equals(grant)) {
            if (refreshDead || !refreshToken.equals(form.get("refresh_token"))) {
                return json(400, "{\"error\":\"invalid_client\",\"error_description\":\"refresh token invalid\"}");
            }
        } else {
            return json(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        int n = tokenSerial.incrementAndGet();
        accessToken = "I0.access-" + n + "@";
        if ("authorization_code".equals(grant)) refreshToken = "Rk9PQkFS.refresh-" + n + "@";
        return json(200, "{\"expires_in\":1800,\"token_type\":\"Bearer\",\"scope\":\"api\",\"refresh_token\":\"" + refreshToken
                + "\",\"access_token\":\"" + accessToken + "\",\"id_token\":\"eyJhbGciOi.x\"}");
    }

    private ObjectNode account(String fields) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode sa = root.putObject("securitiesAccount");
        sa.put("type", "MARGIN").put("accountNumber", ACCOUNT).put("roundTrips", 0).put("isDayTrader", false);
        BigDecimal value = BigDecimal.ZERO;
        if ("positions".equals(fields)) {
            ArrayNode ps = sa.putArray("positions");
            for (var p : positions.entrySet()) {
                if (p.getValue().signum() == 0) continue;
                ObjectNode pn = ps.addObject();
                pn.put("longQuantity", p.getValue().doubleValue()).put("shortQuantity", 0.0).put("averagePrice", 10.0).put("marketValue", p.getValue().doubleValue() * 10);
                pn.putObject("instrument").put("assetType", "EQUITY").put("cusip", "000000000").put("symbol", p.getKey());
            }
        }
        for (var p : positions.values()) value = value.add(p.multiply(BigDecimal.TEN));
        sa.putObject("currentBalances").put("cashBalance", cash).put("availableFunds", cash).put("buyingPower", cash.multiply(BigDecimal.valueOf(2)))
                .put("equity", cash.add(value)).put("liquidationValue", cash.add(value));
        root.putObject("aggregatedBalance").put("liquidationValue", cash.add(value));
        return root;
    }

    private MockResponse place(String body) throws IOException {
        orderPosts.incrementAndGet();
        lastOrderBody = body;
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            return json(400, "{\"message\":\"invalid JSON\",\"errors\":[\"body\"]}");
        }
        String problem = validate(req, true);
        if (problem != null) return json(400, "{\"message\":\"" + problem + "\",\"errors\":[\"" + problem + "\"]}");
        PostFault fault = postFaults.poll();
        if (fault != null) {
            if (fault.createsOrder()) store((ObjectNode) req.deepCopy(), null, false);
            return switch (fault.kind()) {
                case HTTP_500_JSON -> json(500, "{\"message\":\"Internal error\",\"errors\":[\"try again\"]}");
                case HTTP_502_HTML -> new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                        .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build();
                case HTTP_500_EMPTY -> new MockResponse.Builder().code(500).build();
                case TIMEOUT -> new MockResponse.Builder().code(201).headersDelay(timeoutDelay.toMillis(), TimeUnit.MILLISECONDS)
                        .build();
            };
        }
        ObjectNode stored = store((ObjectNode) req.deepCopy(), null, false);
        MockResponse.Builder b = new MockResponse.Builder().code(201);
        if (!noLocation) b.addHeader("Location", baseUrl() + "/trader/v1/accounts/" + HASH + "/orders/" + stored.get("orderId").asLong());
        return b.build();
    }

    private static String validate(JsonNode o, boolean top) {
        String strategy = o.path("orderStrategyType").asText("");
        if (!List.of("SINGLE", "OCO", "TRIGGER").contains(strategy)) return "bad orderStrategyType " + strategy;
        if (o.has("requestedDestination")) return "requestedDestination not allowed";
        if (!strategy.equals("OCO")) {
            if (!List.of("MARKET", "LIMIT", "STOP", "TRAILING_STOP").contains(o.path("orderType").asText())) return "bad orderType";
            if (!List.of("DAY", "GOOD_TILL_CANCEL").contains(o.path("duration").asText())) return "bad duration";
            if (!"NORMAL".equals(o.path("session").asText())) return "bad session";
            JsonNode leg = o.path("orderLegCollection").path(0);
            if (!List.of("BUY", "SELL", "SELL_SHORT", "BUY_TO_COVER").contains(leg.path("instruction").asText())) return "bad instruction";
            if (!leg.path("quantity").isNumber()) return "bad quantity";
            if (o.path("orderType").asText().equals("LIMIT") && !o.has("price")) return "LIMIT without price";
            if (o.path("orderType").asText().equals("STOP") && !o.has("stopPrice")) return "STOP without stopPrice";
        } else if (o.path("childOrderStrategies").size() != 2) return "OCO needs two children";
        for (JsonNode c : o.path("childOrderStrategies")) {
            String p = validate(c, false);
            if (p != null) return p;
        }
        return null;
    }

    private ObjectNode store(ObjectNode o, String parent, boolean waiting) {
        String id = Long.toString(nextId.getAndIncrement());
        o.put("orderId", Long.parseLong(id));
        o.put("accountNumber", Long.parseLong(ACCOUNT));
        o.put("enteredTime", TIME.format(Instant.now()));
        o.put("status", waiting ? "AWAITING_PARENT_ORDER" : "WORKING");
        o.put("cancelable", true);
        o.put("tag", "API_TOS:AUTOTRADER");
        if (o.has("orderLegCollection")) {
            double q = o.path("orderLegCollection").path(0).path("quantity").asDouble();
            o.put("quantity", q).put("filledQuantity", 0.0).put("remainingQuantity", q);
        }
        if (o.has("price")) o.put("price", new BigDecimal(o.get("price").asText()));
        if (o.has("stopPrice")) o.put("stopPrice", new BigDecimal(o.get("stopPrice").asText()));
        orders.put(id, o);
        if (parent != null) parentOf.put(id, parent);
        boolean childrenWait = "TRIGGER".equals(o.path("orderStrategyType").asText()) || waiting;
        if (o.has("childOrderStrategies")) {
            ArrayNode kids = (ArrayNode) o.get("childOrderStrategies");
            ArrayNode replaced = JSON.createArrayNode();
            for (JsonNode c : kids) replaced.add(store((ObjectNode) c, id, childrenWait));
            o.set("childOrderStrategies", replaced);
        }
        return o;
    }

    /** Test API: executes {@code qty} of an order at {@code price}, with the bracket and OCO consequences. */
    public synchronized void fill(String id, double qty, double price) {
        ObjectNode o = orders.get(id);
        // Only a working order executes, and never beyond what is left of it: a test that fills a
        // waiting, canceled or filled order would prove something Schwab cannot do.
        String status = o.path("status").asText();
        if (!"WORKING".equals(status)) throw new IllegalStateException("fake: order " + id + " is " + status + ", it cannot fill");
        if (qty <= 0 || qty > o.path("remainingQuantity").asDouble()) {
            throw new IllegalStateException("fake: order " + id + " has " + o.path("remainingQuantity").asDouble() + " left, cannot fill " + qty);
        }
        ArrayNode acts = o.has("orderActivityCollection") ? (ArrayNode) o.get("orderActivityCollection") : o.putArray("orderActivityCollection");
        double filled = o.path("filledQuantity").asDouble() + qty;
        double remaining = o.path("quantity").asDouble() - filled;
        ObjectNode act = acts.addObject();
        act.put("activityType", "EXECUTION").put("activityId", nextId.getAndIncrement()).put("executionType", "FILL")
                .put("quantity", qty).put("orderRemainingQuantity", remaining);
        act.putArray("executionLegs").addObject().put("legId", 1).put("quantity", qty).put("mismarkedQuantity", 0.0)
                .put("price", price).put("time", TIME.format(Instant.now())).put("instrumentId", 1234);
        o.put("filledQuantity", filled).put("remainingQuantity", remaining);
        String instruction = o.path("orderLegCollection").path(0).path("instruction").asText();
        String symbol = o.path("orderLegCollection").path(0).path("instrument").path("symbol").asText();
        BigDecimal signed = BigDecimal.valueOf(instruction.startsWith("BUY") ? qty : -qty);
        positions.merge(symbol, signed, BigDecimal::add);
        cash = cash.subtract(signed.multiply(BigDecimal.valueOf(price)));
        // A partial fill leaves the order WORKING (section 11) and a TRIGGER's children waiting: Schwab
        // releases them only once the parent has filled completely.
        if (remaining > 0) return;
        o.put("status", "FILLED").put("closeTime", TIME.format(Instant.now())).put("cancelable", false);
        for (JsonNode c : o.path("childOrderStrategies")) activate((ObjectNode) c);
        String parent = parentOf.get(id);
        if (parent != null && "OCO".equals(orders.get(parent).path("orderStrategyType").asText())) {
            for (JsonNode sib : orders.get(parent).path("childOrderStrategies")) {
                if (!sib.path("orderId").asText().equals(id)) ((ObjectNode) sib).put("status", "CANCELED");
            }
            orders.get(parent).put("status", "FILLED");
        }
    }

    private void activate(ObjectNode c) {
        if ("AWAITING_PARENT_ORDER".equals(c.path("status").asText())) c.put("status", "WORKING");
        for (JsonNode g : c.path("childOrderStrategies")) activate((ObjectNode) g);
    }

    /** Test API: the broker drops an order (e.g. a GTC leg expired), as if a person canceled it in the app. */
    public synchronized void cancelExternally(String id) {
        closeTree(orders.get(id), "CANCELED");
    }

    /**
     * A DELETE. An order already closed is left as it is and the call is recorded in
     * {@link #deletesOfClosedOrders} (a bot that cancels what is already gone has lost track of the
     * broker). Cancelling one leg of an OCO cancels the pair, as one-cancels-other says. With
     * {@link #pendingCancels} on, the tree only goes PENDING_CANCEL until {@link #completeCancels()}.
     */
    private void cancelTree(ObjectNode o) {
        String id = o.path("orderId").asText();
        if (CLOSED.contains(o.path("status").asText())) {
            deletesOfClosedOrders.add(id);
            return;
        }
        String parent = parentOf.get(id);
        ObjectNode target = parent != null && "OCO".equals(orders.get(parent).path("orderStrategyType").asText()) ? orders.get(parent) : o;
        closeTree(target, pendingCancels ? "PENDING_CANCEL" : "CANCELED");
    }

    /** Sets {@code status} on an order and every open order below it (children of a canceled order can never trigger). */
    private void closeTree(ObjectNode o, String status) {
        if (!CLOSED.contains(o.path("status").asText())) o.put("status", status).put("cancelable", false);
        for (JsonNode c : o.path("childOrderStrategies")) closeTree((ObjectNode) c, status);
    }

    private MockResponse list(HttpUrl url) {
        String from = url.queryParameter("fromEnteredTime"), to = url.queryParameter("toEnteredTime");
        if (from == null || to == null) return json(400, "{\"message\":\"fromEnteredTime and toEnteredTime are required\",\"errors\":[]}");
        Instant f = Instant.parse(from), t = Instant.parse(to);
        if (f.isBefore(Instant.now().minusSeconds(60L * 86400 + 120))) return json(400, "{\"message\":\"window beyond 60 days\",\"errors\":[]}");
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode o : topLevelOrders()) {
            Instant entered = OffsetDateTime.parse(o.get("enteredTime").asText(), TIME).toInstant();
            if (!entered.isBefore(f.minusSeconds(1)) && !entered.isAfter(t)) out.add(o);
        }
        return json(200, out.toString());
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    // ---- partial-fill and cancel lifecycle (issue #21) ----

    private static final List<String> CLOSED = List.of("FILLED", "CANCELED", "REJECTED", "EXPIRED", "REPLACED");
    /** Ids DELETEd while already closed (filled, canceled, ...): see {@link #cancelTree}. */
    public final List<String> deletesOfClosedOrders = Collections.synchronizedList(new ArrayList<>());
    /** When set, a DELETE leaves the order PENDING_CANCEL (as Schwab does for a moment) until {@link #completeCancels()}. */
    public volatile boolean pendingCancels;

    /**
     * Test API: the end of a DAY order's duration. Whatever is left of the order expires; what filled
     * stays filled. A TRIGGER's children go with it (CANCELED), since their parent never filled
     * completely: the shares that did fill are then unprotected.
     */
    public synchronized void expireRemainder(String id) {
        ObjectNode o = orders.get(id);
        if (CLOSED.contains(o.path("status").asText())) throw new IllegalStateException("fake: order " + id + " is already closed");
        o.put("status", "EXPIRED").put("closeTime", TIME.format(Instant.now())).put("cancelable", false);
        for (JsonNode c : o.path("childOrderStrategies")) closeTree((ObjectNode) c, "CANCELED");
    }

    /** Test API: the broker finishes every pending cancel. */
    public synchronized void completeCancels() {
        for (ObjectNode o : orders.values()) {
            if ("PENDING_CANCEL".equals(o.path("status").asText())) o.put("status", "CANCELED");
        }
    }

    /** Test API: the status of every order the fake holds, children and OCO wrappers included, by id. */
    public synchronized Map<String, String> statuses() {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : orders.entrySet()) out.put(e.getKey(), e.getValue().path("status").asText());
        return out;
    }

    /** Test API: the top-level orders placed with {@code orderType} and leg instruction, e.g. MARKET SELL. */
    public synchronized List<ObjectNode> placed(String orderType, String instruction) {
        return topLevelOrders().stream().filter(o -> orderType.equals(o.path("orderType").asText())
                && instruction.equals(o.path("orderLegCollection").path(0).path("instruction").asText())).toList();
    }
}
