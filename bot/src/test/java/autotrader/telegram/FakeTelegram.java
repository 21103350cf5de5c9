package autotrader.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A fake Telegram Bot API server on 127.0.0.1 (TELEGRAM.md section 6): routes on /bot&lt;token&gt;/&lt;method&gt;
 * (case-insensitive), answers the real JSON shapes, queues updates for getUpdates (held up to 1 s when
 * empty), keeps the sent messages with their keyboards, checks callback answers, and can fail the
 * next calls of a method (429 with retry_after, 409). Waiting is done on a monitor that every request
 * signals, with a timeout: no sleeps in the tests.
 */
final class FakeTelegram implements AutoCloseable {

    static final String TOKEN = "123456:TEST-token";
    static final long BOT_ID = 987654321L;

    /** One request as received. */
    record Call(String method, JsonNode body, Instant at) {
    }

    /** A message as the fake keeps it. */
    record Stored(long chatId, int messageId, String text, JsonNode replyMarkup, int edits) {
        /** The callback_data of every button, row by row, flattened. */
        List<String> buttons() {
            List<String> out = new ArrayList<>();
            if (replyMarkup == null || !replyMarkup.has("inline_keyboard")) return out;
            for (JsonNode row : replyMarkup.get("inline_keyboard")) for (JsonNode b : row) out.add(b.path("callback_data").asText());
            return out;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Object lock = new Object();
    private final List<ObjectNode> queue = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Stored> messages = new LinkedHashMap<>();
    private final Map<String, Integer> issuedQueries = new HashMap<>();
    private final Map<String, List<String>> answers = new LinkedHashMap<>();
    private final Map<String, Deque<MockResponse>> faults = new HashMap<>();
    private int nextUpdateId = 1;
    private int nextMessageId = 100;
    private int nextQueryId = 1;

    FakeTelegram() throws IOException {
        this(0);
    }

    /** On a given port (0: any free one), e.g. to come back where a stopped server was. */
    FakeTelegram(int port) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                return route(r);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), port);
    }

    TelegramUrl url() {
        return new TelegramUrl("http", "127.0.0.1", server.getPort(), false);
    }

    int port() {
        return server.getPort();
    }

    // ---- routing

    private MockResponse route(RecordedRequest r) throws InterruptedException {
        String target = r.getTarget();
        String prefix = "/bot" + TOKEN + "/";
        if (!target.startsWith(prefix)) return error(401, "Unauthorized", null);
        String method = target.substring(prefix.length()).toLowerCase(Locale.ROOT);
        int q = method.indexOf('?');
        if (q >= 0) method = method.substring(0, q);
        JsonNode body;
        try {
            body = r.getBody() == null || r.getBody().size() == 0 ? json.createObjectNode() : json.readTree(r.getBody().utf8());
        } catch (IOException e) {
            return error(400, "Bad Request: invalid JSON", null);
        }
        MockResponse fault;
        synchronized (lock) {
            calls.add(new Call(method, body, Instant.now()));
            Deque<MockResponse> f = faults.get(method);
            fault = f == null ? null : f.poll();
            lock.notifyAll();
        }
        if (fault != null) return fault;
        return switch (method) {
            case "getme" -> ok(botUser());
            case "deletewebhook" -> ok(json.getNodeFactory().booleanNode(true));
            case "getupdates" -> getUpdates(body);
            case "sendmessage" -> sendMessage(body);
            case "editmessagetext" -> editMessageText(body);
            case "answercallbackquery" -> answerCallbackQuery(body);
            default -> error(404, "Not Found", null);
        };
    }

    private MockResponse getUpdates(JsonNode body) throws InterruptedException {
        long offset = body.path("offset").asLong(0);
        long holdMs = Math.min(body.path("timeout").asLong(0) * 1000, 1000);
        long deadline = System.currentTimeMillis() + holdMs;
        ArrayNode out = json.createArrayNode();
        synchronized (lock) {
            queue.removeIf(u -> u.get("update_id").asLong() < offset);
            while (queue.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) break;
                lock.wait(left);
                queue.removeIf(u -> u.get("update_id").asLong() < offset);
            }
            for (ObjectNode u : queue) out.add(u);
            // Delivered updates stay queued until a later offset confirms them, like Telegram.
        }
        return ok(out);
    }

    private MockResponse sendMessage(JsonNode body) {
        long chat = body.path("chat_id").asLong();
        String text = body.path("text").asText();
        if (text.isEmpty()) return error(400, "Bad Request: message text is empty", null);
        if (text.length() > 4096) return error(400, "Bad Request: message is too long", null);
        Stored s;
        synchronized (lock) {
            s = new Stored(chat, nextMessageId++, text, body.get("reply_markup"), 0);
            messages.put(chat + ":" + s.messageId(), s);
            lock.notifyAll();
        }
        return ok(messageJson(s));
    }

    private MockResponse editMessageText(JsonNode body) {
        long chat = body.path("chat_id").asLong();
        int id = body.path("message_id").asInt();
        String text = body.path("text").asText();
        JsonNode markup = body.get("reply_markup");
        Stored s;
        synchronized (lock) {
            Stored old = messages.get(chat + ":" + id);
            if (old == null) return error(400, "Bad Request: message to edit not found", null);
            if (old.text().equals(text) && sameMarkup(old.replyMarkup(), markup)) {
                return error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly "
                        + "the same as a current content and reply markup of the message", null);
            }
            s = new Stored(chat, id, text, markup, old.edits() + 1);
            messages.put(chat + ":" + id, s);
            lock.notifyAll();
        }
        return ok(messageJson(s));
    }

    private static boolean sameMarkup(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.path("inline_keyboard").isEmpty();
        boolean bEmpty = b == null || b.path("inline_keyboard").isEmpty();
        return aEmpty && bEmpty || a != null && a.equals(b);
    }

    private MockResponse answerCallbackQuery(JsonNode body) {
        String id = body.path("callback_query_id").asText();
        synchronized (lock) {
            if (!issuedQueries.containsKey(id)) {
                return error(400, "Bad Request: query is too old and response timeout expired or query ID is invalid", null);
            }
            answers.computeIfAbsent(id, k -> new ArrayList<>()).add(body.path("text").asText(""));
            lock.notifyAll();
        }
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private ObjectNode messageJson(Stored s) {
        ObjectNode m = json.createObjectNode();
        m.put("message_id", s.messageId());
        m.put("date", Instant.now().getEpochSecond());
        m.set("chat", chat(s.chatId()));
        m.set("from", botUser());
        m.put("text", s.text());
        if (s.replyMarkup() != null) m.set("reply_markup", s.replyMarkup());
        return m;
    }

    private ObjectNode chat(long id) {
        ObjectNode c = json.createObjectNode();
        c.put("id", id);
        c.put("type", id < 0 ? "group" : "private");
        return c;
    }

    private ObjectNode user(long id) {
        ObjectNode u = json.createObjectNode();
        u.put("id", id);
        u.put("is_bot", false);
        u.put("first_name", "Trader" + id);
        return u;
    }

    private ObjectNode botUser() {
        ObjectNode u = json.createObjectNode();
        u.put("id", BOT_ID);
        u.put("is_bot", true);
        u.put("first_name", "TradeBot");
        u.put("username", "test_trade_bot");
        return u;
    }

    private MockResponse ok(JsonNode result) {
        ObjectNode env = json.createObjectNode();
        env.put("ok", true);
        env.set("result", result);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(env.toString()).build();
    }

    private MockResponse error(int code, String description, Integer retryAfter) {
        ObjectNode env = json.createObjectNode();
        env.put("ok", false);
        env.put("error_code", code);
        env.put("description", description);
        if (retryAfter != null) env.putObject("parameters").put("retry_after", retryAfter);
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(env.toString()).build();
    }

    // ---- faults

    /** The next {@code times} calls of {@code method} answer 429 with parameters.retry_after. */
    void tooManyRequests(String method, int times, int retryAfter) {
        synchronized (lock) {
            for (int i = 0; i < times; i++) {
                faults.computeIfAbsent(method, k -> new ArrayDeque<>())
                        .add(error(429, "Too Many Requests: retry after " + retryAfter, retryAfter));
            }
        }
    }

    /** The next {@code times} getUpdates calls answer 409 Conflict (a second poller). */
    void conflictOnPolls(int times) {
        synchronized (lock) {
            for (int i = 0; i < times; i++) {
                faults.computeIfAbsent("getupdates", k -> new ArrayDeque<>())
                        .add(error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", null));
            }
        }
    }

    // ---- updates the trader "sends"

    /** Presses a button on a message the bot sent; returns the callback query id. */
    String press(long chatId, long fromId, int messageId, String data) {
        synchronized (lock) {
            String qid = "cq" + nextQueryId++;
            enqueue(callbackUpdate(nextUpdateId++, qid, chatId, fromId, messageId, data));
            return qid;
        }
    }

    /** A press on a message Telegram no longer shows in full: its {@code message} has {@code "date":0} (InaccessibleMessage). */
    String pressInaccessible(long chatId, long fromId, int messageId, String data) {
        synchronized (lock) {
            String qid = "cq" + nextQueryId++;
            ObjectNode u = callbackUpdate(nextUpdateId++, qid, chatId, fromId, messageId, data);
            ObjectNode m = (ObjectNode) u.get("callback_query").get("message");
            m.put("date", 0);
            m.remove("text");
            enqueue(u);
            return qid;
        }
    }

    /** The same press delivered twice in one getUpdates answer (same update_id), then again with a new update_id. */
    String pressDeliveredThrice(long chatId, long fromId, int messageId, String data) {
        synchronized (lock) {
            String qid = "cq" + nextQueryId++;
            int uid = nextUpdateId++;
            enqueue(callbackUpdate(uid, qid, chatId, fromId, messageId, data));
            enqueue(callbackUpdate(uid, qid, chatId, fromId, messageId, data));
            enqueue(callbackUpdate(nextUpdateId++, qid, chatId, fromId, messageId, data));
            return qid;
        }
    }

    /** A text message (e.g. a command) from a chat. */
    void sendText(long chatId, long fromId, String text) {
        synchronized (lock) {
            ObjectNode m = json.createObjectNode();
            m.put("message_id", nextMessageId++);
            m.put("date", Instant.now().getEpochSecond());
            m.set("chat", chat(chatId));
            m.set("from", user(fromId));
            m.put("text", text);
            if (text.startsWith("/")) {
                int len = text.contains(" ") ? text.indexOf(' ') : text.length();
                ObjectNode e = m.putArray("entities").addObject();
                e.put("type", "bot_command");
                e.put("offset", 0);
                e.put("length", len);
            }
            ObjectNode u = json.createObjectNode();
            u.put("update_id", nextUpdateId++);
            u.set("message", m);
            enqueue(u);
        }
    }

    private ObjectNode callbackUpdate(int updateId, String qid, long chatId, long fromId, int messageId, String data) {
        Stored s = messages.get(chatId + ":" + messageId);
        ObjectNode m = json.createObjectNode();
        m.put("message_id", messageId);
        m.put("date", Instant.now().getEpochSecond());
        m.set("chat", chat(chatId));
        m.put("text", s == null ? "?" : s.text());
        ObjectNode cq = json.createObjectNode();
        cq.put("id", qid);
        cq.set("from", user(fromId));
        cq.set("message", m);
        cq.put("chat_instance", "-88" + chatId);
        cq.put("data", data);
        issuedQueries.put(qid, updateId);
        ObjectNode u = json.createObjectNode();
        u.put("update_id", updateId);
        u.set("callback_query", cq);
        return u;
    }

    private void enqueue(ObjectNode update) {
        queue.add(update);
        lock.notifyAll();
    }

    // ---- what the bot did

    List<Call> calls(String method) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    /** Messages the bot sent to a chat, oldest first, as they are now (after edits). */
    List<Stored> messagesIn(long chatId) {
        synchronized (lock) {
            return messages.values().stream().filter(s -> s.chatId() == chatId).toList();
        }
    }

    Stored message(long chatId, int messageId) {
        synchronized (lock) {
            return messages.get(chatId + ":" + messageId);
        }
    }

    /** Every answer text given to a callback query (more than one entry means it was answered twice). */
    List<String> answersTo(String queryId) {
        synchronized (lock) {
            return List.copyOf(answers.getOrDefault(queryId, List.of()));
        }
    }

    /** Waits until the condition holds (checked on every request the server gets); fails after the timeout. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
                lock.wait(Math.min(leftMs, 100));
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
