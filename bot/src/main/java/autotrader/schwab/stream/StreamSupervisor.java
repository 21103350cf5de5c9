package autotrader.schwab.stream;

import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;
import autotrader.schwab.SchwabAuth;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Keeps one streamer session alive: fetch streamerInfo, open the socket, LOGIN with the current access
 * token, subscribe CHART_EQUITY (benchmarks + candidates, at most 500) and ACCT_ACTIVITY, hand bars and
 * account activity on. A socket that closes, fails, or sends no frame for the heartbeat timeout is
 * given up and a new one is opened after an exponential backoff with jitter; the next LOGIN takes a
 * fresh token. A denied LOGIN refreshes the token first; after {@code maxLoginDenials} denials in a
 * row the supervisor stops and alerts with the server's reason. One alert when the stream goes down
 * (not one per retry), one when it is back.
 *
 * <p>Every state change runs on the supervisor's one thread, so the socket's reader thread only
 * queues events; events of a connection already given up are ignored.
 */
public final class StreamSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSupervisor.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The access token, and a refresh after the streamer refused it. */
    public interface Tokens {
        String accessToken();

        void refreshAfterDenied(String tokenUsed);

        /** The process's one Schwab login: the same token the REST calls use, refreshed the same way. */
        static Tokens of(SchwabAuth auth) {
            return new Tokens() {
                @Override
                public String accessToken() {
                    return auth.accessToken();
                }

                @Override
                public void refreshAfterDenied(String tokenUsed) {
                    auth.refreshAfterUnauthorized(tokenUsed);
                }
            };
        }
    }

    private final Supplier<StreamerInfo> info;
    private final Tokens tokens;
    private final OkHttpClient client;
    private final StreamSettings settings;
    private final Clock clock;
    private final Notifier alerts;
    private final Consumer<ChartBar> bars;
    private final Consumer<AccountActivity> activity;
    private final Backoff backoff;
    private final Subscriptions chart;
    private final Subscriptions account;
    private final ScheduledExecutorService loop;

    // Touched only on the loop thread; volatile for state() from others.
    private volatile StreamConnection current;
    private StreamRequests requests;
    private String loginRequestId;
    private String tokenUsed;
    private volatile boolean loggedIn;
    private volatile StreamState.Phase phase = StreamState.Phase.CONNECTING;
    private volatile Instant connectedSince;
    private volatile Instant lastFrameAt;
    private volatile String reason;
    private volatile int reconnectsToday;
    private volatile LocalDate reconnectDay;
    private int denialsInARow;
    private boolean downAlerted;
    private boolean everStreamed;
    private volatile boolean closed;
    private ScheduledFuture<?> pendingConnect;
    private volatile int connectionsOpened;

    public StreamSupervisor(Supplier<StreamerInfo> info, Tokens tokens, OkHttpClient client, StreamSettings settings, Clock clock, Notifier alerts,
                            List<String> benchmarks, boolean accountActivity, Consumer<ChartBar> bars, Consumer<AccountActivity> activity,
                            DoubleSupplier random) {
        this.info = info;
        this.tokens = tokens;
        // No read timeout on a websocket (the watchdog decides when it is dead); no okhttp pings either, Schwab sends heartbeats.
        this.client = client.newBuilder().readTimeout(Duration.ZERO).pingInterval(Duration.ZERO).build();
        this.settings = settings;
        this.clock = clock;
        this.alerts = alerts;
        this.bars = bars;
        this.activity = activity;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), random);
        this.chart = new Subscriptions(ChartBar.SERVICE, ChartBar.FIELDS, benchmarks);
        this.account = new Subscriptions(AccountActivity.SERVICE, AccountActivity.FIELDS, accountActivity ? List.of(AccountActivity.KEY) : List.of());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schwab-stream");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects now and watches the socket from then on. */
    public StreamSupervisor start() {
        loop.execute(this::connect);
        long tick = Math.max(20, settings.heartbeatTimeout().toMillis() / 4);
        loop.scheduleWithFixedDelay(this::watchdog, tick, tick, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The scan's candidates: the chart subscription becomes benchmarks + these (first 500), by ADD/UNSUBS on the open socket. */
    public void followCandidates(List<String> symbols) {
        chart.want(symbols);
        loop.execute(this::sendChanges);
    }

    public StreamState state() {
        boolean today = clock.instant().atZone(NEW_YORK).toLocalDate().equals(reconnectDay);   // yesterday's count is not today's
        return new StreamState(closed && phase != StreamState.Phase.STOPPED ? StreamState.Phase.OFF : phase, connectedSince,
                loggedIn ? chart.active().size() : 0, loggedIn ? account.active().size() : 0, lastFrameAt, today ? reconnectsToday : 0, reason);
    }

    /** The CHART_EQUITY keys wanted now (benchmarks and candidates), whether or not the socket is up. */
    public Set<String> wantedChartKeys() {
        return chart.wanted();
    }

    /** True while bars arrive over the socket; false while down, so readers know REST is the source. */
    public boolean streaming() {
        return phase == StreamState.Phase.STREAMING;
    }

    /** Sockets opened so far (tests: every reconnect opens one and closes the last). */
    int connectionsOpened() {
        return connectionsOpened;
    }

    private void connect() {
        pendingConnect = null;
        if (closed || phase == StreamState.Phase.STOPPED) return;
        StreamerInfo si;
        try {
            si = info.get();
        } catch (RuntimeException e) {
            down("userPreference failed: " + e.getMessage());
            return;
        }
        requests = new StreamRequests(si);
        loggedIn = false;
        chart.reset();
        account.reset();
        lastFrameAt = clock.instant();   // the watchdog also covers a socket that never opens or never answers the LOGIN
        if (phase != StreamState.Phase.DOWN) phase = StreamState.Phase.CONNECTING;
        connectionsOpened++;
        current = new StreamConnection(client, si.socketUrl(), new StreamConnection.Events() {
            @Override
            public void opened(StreamConnection c) {
                onLoop(() -> { if (c == current) login(c); });
            }

            @Override
            public void text(StreamConnection c, String frame) {
                onLoop(() -> { if (c == current) frame(c, frame); });
            }

            @Override
            public void ended(StreamConnection c, String why) {
                onLoop(() -> { if (c == current) down(why); });
            }
        });
    }

    private void login(StreamConnection c) {
        try {
            tokenUsed = tokens.accessToken();
        } catch (RuntimeException e) {
            down("no access token for the LOGIN: " + e.getMessage());
            return;
        }
        StreamRequests.Request r = requests.login(tokenUsed);
        loginRequestId = r.requestId();
        c.send(r.json());
    }

    private void frame(StreamConnection c, String text) {
        lastFrameAt = clock.instant();
        List<StreamMessage> messages;
        try {
            messages = StreamFrames.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("schwab stream: {}; ignored", e.getMessage());
            return;
        }
        for (StreamMessage m : messages) {
            if (c != current) return;   // a LOGIN refusal in this frame gave the connection up
            if (m instanceof StreamMessage.Ack a) ack(c, a);
            else if (m instanceof StreamMessage.Data d) data(d);
        }
    }

    private void ack(StreamConnection c, StreamMessage.Ack a) {
        if ("LOGIN".equals(a.command()) && (a.requestId().isEmpty() || a.requestId().equals(loginRequestId))) {
            if (a.ok()) loggedInNow();
            else loginDenied(c, a);
        } else if (!a.ok()) {
            LOG.warn("schwab stream: {} {} refused (code {}): {}", a.service(), a.command(), a.code(), a.msg());
        }
    }

    private void loggedInNow() {
        boolean wasDown = everStreamed && downAlerted;
        loggedIn = true;
        everStreamed = true;
        denialsInARow = 0;
        backoff.reset();
        phase = StreamState.Phase.STREAMING;
        connectedSince = clock.instant();
        reason = null;
        sendChanges();
        LOG.info("schwab stream: logged in; {} chart keys{}", chart.active().size(), account.active().isEmpty() ? "" : " and account activity");
        if (wasDown) {
            downAlerted = false;
            alerts.alert(AlertKind.STREAM, "Schwab stream is back (" + reconnectsToday + " reconnects today); bars come from the stream again");
        }
    }

    private void loginDenied(StreamConnection c, StreamMessage.Ack a) {
        denialsInARow++;
        String why = "LOGIN denied (code " + a.code() + (a.msg().isBlank() ? "" : ": " + a.msg()) + ")";
        giveUp(c, why);
        if (denialsInARow >= settings.maxLoginDenials()) {
            phase = StreamState.Phase.STOPPED;
            reason = why + ", " + denialsInARow + " times in a row; not retrying";
            LOG.error("schwab stream STOPPED: {}; bars come from REST polling", reason);
            alerts.alert(AlertKind.STREAM, "Schwab stream stopped: " + reason + ". Bars come from REST polling; restart the daemon after fixing the login.");
            return;
        }
        try {
            tokens.refreshAfterDenied(tokenUsed);   // a stale token is the usual cause: the next LOGIN takes the refreshed one
        } catch (RuntimeException e) {
            LOG.warn("schwab stream: token refresh after a denied LOGIN failed: {}", e.getMessage());
        }
        scheduleReconnect(why);
    }

    private void data(StreamMessage.Data d) {
        for (var item : d.content()) {
            try {
                if (ChartBar.SERVICE.equals(d.service())) bars.accept(ChartBar.parse(item));
                else if (AccountActivity.SERVICE.equals(d.service())) activity.accept(AccountActivity.parse(item));
            } catch (IllegalArgumentException e) {
                LOG.warn("schwab stream: {} item skipped: {}", d.service(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("schwab stream: handling a {} item failed: {}", d.service(), e.toString());
            }
        }
    }

    private void sendChanges() {
        StreamConnection c = current;
        if (c == null || !loggedIn) return;
        for (Subscriptions s : List.of(chart, account)) {
            for (Subscriptions.Change ch : s.changes()) c.send(requests.subscription(s.service(), ch.command(), ch.keys(), s.fields()).json());
        }
    }

    private void watchdog() {
        StreamConnection c = current;
        if (c == null || closed) return;
        Instant last = lastFrameAt;
        if (last != null && Duration.between(last, clock.instant()).compareTo(settings.heartbeatTimeout()) > 0) {
            down("no frame for " + settings.heartbeatTimeout().toMillis() / 1000.0 + " s (heartbeat watchdog)");
        }
    }

    /** The current socket is gone (closed, failed, silent): give it up, say so once, and come back after a backoff. */
    private void down(String why) {
        if (closed || phase == StreamState.Phase.STOPPED) return;
        giveUp(current, why);
        scheduleReconnect(why);
    }

    private void giveUp(StreamConnection c, String why) {
        if (c != null) c.close(why);
        if (c == current) current = null;
        loggedIn = false;
        connectedSince = null;
    }

    private void scheduleReconnect(String why) {
        if (closed || pendingConnect != null) return;
        boolean wasStreaming = phase == StreamState.Phase.STREAMING;
        phase = StreamState.Phase.DOWN;
        reason = why;
        LocalDate today = clock.instant().atZone(NEW_YORK).toLocalDate();
        if (!today.equals(reconnectDay)) {
            reconnectDay = today;
            reconnectsToday = 0;
        }
        reconnectsToday++;
        Duration wait = backoff.next();
        LOG.warn("schwab stream down{}: {}; reconnecting in {} ms (try {}); bars from REST meanwhile", wasStreaming ? "" : " again", why,
                wait.toMillis(), backoff.attempts());
        if (!downAlerted) {
            downAlerted = true;
            alerts.alert(AlertKind.STREAM, "Schwab stream down: " + why + ". Reconnecting with backoff; bars come from REST polling meanwhile.");
        }
        pendingConnect = loop.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onLoop(Runnable r) {
        if (closed) return;
        try {
            loop.execute(r);
        } catch (RejectedExecutionException ignored) {
            // closing: the event no longer matters
        }
    }

    /** LOGOUT, close the socket and stop the thread (waits briefly for it). */
    @Override
    public void close() {
        if (closed) return;
        try {
            StreamConnection c = loop.submit(() -> {
                StreamConnection now = current;
                if (now != null && loggedIn && requests != null) now.send(requests.logout().json());
                closed = true;
                current = null;
                loggedIn = false;
                connectedSince = null;
                return now;
            }).get(2, TimeUnit.SECONDS);
            if (c != null) c.closeAfterSending("daemon stopping", Duration.ofSeconds(1));   // the LOGOUT goes out first
        } catch (Exception e) {
            closed = true;
            StreamConnection c = current;
            if (c != null) c.close("daemon stopping");
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
