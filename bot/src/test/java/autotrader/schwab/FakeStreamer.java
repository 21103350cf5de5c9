package autotrader.schwab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The streamer half of the fake Schwab (SCHWAB.md 9 and 11): GET /trader/v1/userPreference points at
 * {@code ws://127.0.0.1:PORT/ws} on the same MockWebServer, which upgrades to a websocket speaking the
 * protocol: LOGIN checked against the fake's current access token, SUBS/ADD/UNSUBS/LOGOUT acked and
 * tracked per socket (more than 500 keys on a service is refused), data frames and heartbeats pushed by
 * the test. Numbers go out as strings now and then and unknown members are added, as Schwab does.
 */
public final class FakeStreamer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One server-side socket and what it subscribed. */
    public final class Session {
        volatile WebSocket socket;
        volatile boolean loggedIn;
        volatile boolean open = true;
        final Map<String, Set<String>> keys = new ConcurrentHashMap<>();

        public Set<String> keys(String service) {
            return Set.copyOf(keys.getOrDefault(service, Set.of()));
        }
    }

    private final Supplier<String> accessToken;
    public final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** Every request received, as its JSON object (one per entry of "requests"). */
    public final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger logins = new AtomicInteger();
    public final AtomicInteger preferenceCalls = new AtomicInteger();
    /** Refuse this many LOGINs (code 3) before accepting again; -1: refuse every one. */
    public volatile int denyLogins;
    /** While set: nothing is sent, not even acks or heartbeats (a socket that is open but dead). */
    public volatile boolean silent;
    /** Over-limit subscriptions refused so far. */
    public final AtomicInteger overLimit = new AtomicInteger();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-streamer-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** @param heartbeatMillis how often every logged-in socket gets a heartbeat (0: never) */
    public FakeStreamer(Supplier<String> accessToken, long heartbeatMillis) {
        this.accessToken = accessToken;
        if (heartbeatMillis > 0) beats.scheduleAtFixedRate(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    String preference(String baseUrl) {
        preferenceCalls.incrementAndGet();
        String ws = baseUrl.replaceFirst("^http", "ws") + "/ws";
        return "{\"streamerInfo\":[{\"streamerSocketUrl\":\"" + ws + "\",\"schwabClientCustomerId\":\"abc123\",\"schwabClientCorrelId\":\"8c1f0e2a-77\","
                + "\"schwabClientChannel\":\"N9\",\"schwabClientFunctionId\":\"APIAPP\",\"unknownField\":1}],"
                + "\"accounts\":[{\"accountNumber\":\"" + FakeSchwab.ACCOUNT + "\",\"primaryAccount\":true,\"type\":\"BROKERAGE\"}],"
                + "\"offers\":[{\"level2Permissions\":true,\"mktDataPermission\":\"NP\"}]}";
    }

    MockResponse upgrade() {
        Session s = new Session();
        sessions.add(s);
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                s.socket = webSocket;
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                s.socket = webSocket;
                handle(s, text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                s.open = false;
                webSocket.close(1000, null);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                s.open = false;
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                s.open = false;
            }
        }).build();
    }

    private void handle(Session s, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        JsonNode list = root.has("requests") ? root.get("requests") : JSON.createArrayNode().add(root);
        for (JsonNode r : list) {
            received.add(r);
            String service = r.path("service").asText(), command = r.path("command").asText(), id = r.path("requestid").asText();
            if (silent) continue;
            switch (command) {
                case "LOGIN" -> {
                    logins.incrementAndGet();
                    boolean deny = denyLogins == -1 || denyLogins > 0 || !r.path("parameters").path("Authorization").asText().equals(accessToken.get());
                    if (denyLogins > 0) denyLogins--;
                    if (deny) {
                        ack(s, service, command, id, 3, "Login Denied.: token invalid");
                    } else {
                        s.loggedIn = true;
                        ack(s, service, command, id, 0, "server=s0635dc6-1;status=NP");
                    }
                }
                case "LOGOUT" -> {
                    ack(s, service, command, id, 0, "SUCCESS");
                    s.loggedIn = false;
                    s.socket.close(1000, "logged out");
                }
                case "SUBS", "ADD", "UNSUBS", "VIEW" -> {
                    if (!s.loggedIn) {
                        ack(s, service, command, id, 20, "not logged in");
                        continue;
                    }
                    Set<String> keys = new LinkedHashSet<>();
                    for (String k : r.path("parameters").path("keys").asText("").split(",")) if (!k.isBlank()) keys.add(k.trim());
                    Set<String> now = new LinkedHashSet<>(command.equals("SUBS") ? Set.of() : s.keys(service));
                    if (command.equals("UNSUBS")) now.removeAll(keys);
                    else if (!command.equals("VIEW")) now.addAll(keys);
                    if (now.size() > 500) {
                        overLimit.incrementAndGet();
                        ack(s, service, command, id, 19, "too many keys: " + now.size());
                        continue;
                    }
                    s.keys.put(service, Collections.synchronizedSet(now));
                    ack(s, service, command, id, 0, command + " command succeeded");
                }
                default -> ack(s, service, command, id, 22, "unknown command");
            }
        }
    }

    private void ack(Session s, String service, String command, String id, int code, String msg) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode a = root.putArray("response").addObject().put("service", service).put("command", command).put("requestid", id)
                .put("SchwabClientCorrelId", "8c1f0e2a-77").put("timestamp", System.currentTimeMillis());
        a.putObject("content").put("code", code).put("msg", msg);
        s.socket.send(root.toString());
    }

    /** The sockets now open and logged in. */
    public List<Session> live() {
        return sessions.stream().filter(s -> s.open && s.loggedIn).toList();
    }

    /** The chart keys of the latest live socket (empty when none). */
    public Set<String> chartKeys() {
        List<Session> l = live();
        return l.isEmpty() ? Set.of() : l.get(l.size() - 1).keys("CHART_EQUITY");
    }

    /** A CHART_EQUITY frame for one bar, to every live socket subscribed to the symbol; volume as a string, an unknown member. */
    public int sendBar(String symbol, long sequence, double open, double high, double low, double close, double volume, long startMillis) {
        ObjectNode item = JSON.createObjectNode().put("seq", 0).put("key", symbol).put("1", sequence).put("2", open).put("3", high).put("4", low)
                .put("5", close).put("6", Double.toString(volume)).put("7", Long.toString(startMillis)).put("8", 20021).put("extra", "x");
        return sendData("CHART_EQUITY", item, symbol);
    }

    /** An ACCT_ACTIVITY frame: field 3 is a JSON string holding the order id. */
    public int sendActivity(String type, String orderId) {
        String inner = "{\"SchwabOrderID\":\"" + orderId + "\",\"AccountNumber\":\"" + FakeSchwab.ACCOUNT + "\",\"Extra\":{\"x\":1}}";
        ObjectNode item = JSON.createObjectNode().put("seq", 1).put("key", "Account Activity").put("1", FakeSchwab.ACCOUNT).put("2", type).put("3", inner);
        return sendData("ACCT_ACTIVITY", item, "Account Activity");
    }

    private int sendData(String service, ObjectNode item, String key) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode d = root.putArray("data").addObject().put("service", service).put("timestamp", System.currentTimeMillis()).put("command", "SUBS");
        ArrayNode content = d.putArray("content");
        content.add(item);
        int sent = 0;
        for (Session s : live()) {
            if (s.keys(service).contains(key) && s.socket.send(root.toString())) sent++;
        }
        return sent;
    }

    public void heartbeat() {
        if (silent) return;
        String beat = "{\"notify\":[{\"heartbeat\":\"" + System.currentTimeMillis() + "\"}]}";
        for (Session s : live()) s.socket.send(beat);
    }

    /** Closes every socket from the server's side (1011, as a server going away does); the client must come back by itself. */
    public void dropAll() {
        for (Session s : sessions) {
            if (s.open && s.socket != null) {
                s.open = false;
                s.loggedIn = false;
                s.socket.close(1011, "server going away");
            }
        }
    }

    public long openSockets() {
        return sessions.stream().filter(s -> s.open).count();
    }

    @Override
    public void close() {
        beats.shutdownNow();
        dropAll();
    }
}
