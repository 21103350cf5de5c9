package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.approvals.ApprovalChannel;
import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.Approvals;
import autotrader.alerts.Notifier;
import autotrader.approvals.PendingIntent;
import autotrader.approvals.TraderCommands;
import autotrader.rules.TradingGate;
import autotrader.store.Store;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import java.util.function.Supplier;
/**
 * The Telegram adapter: shows trade intents with Approve/Reject buttons to every allowed chat, turns
 * button presses and commands into calls on the {@link Approvals} and {@link TraderCommands} ports,
 * edits the messages with the outcome, and sends alerts.
 *
 * <p>Safety with money: only chats in {@code telegram.allowed_chat_ids} can approve or command
 * anything (everything else is ignored and audited); one press calls approve at most once and it is
 * never retried (the approval service guarantees exactly-once across presses and devices); every
 * button press is answered. Telegram being slow, down or rate-limiting never blocks or fails the
 * caller: sends run on one background thread with a bounded queue, and an intent that could not be
 * shown just stays pending in the approval service until it expires.
 *
 * <p>Lifecycle: {@link #start()} registers long polling (when Telegram cannot be reached it logs and
 * tries again later, never throws); {@link #close()} stops polling and lets queued sends finish for a
 * few seconds. The scheduler calls {@link #expireStale()} periodically.
 */
public final class TelegramBot implements ApprovalChannel, Notifier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    private final TelegramSettings settings;
    private final Approvals approvals;
    private final Clock clock;
    private final Outbox outbox;
    private final ApprovalMessages messages;
    private final UpdateHandler handler;
    private final PollWatch pollWatch;
    private final OkHttpClient pollClient;
    private final ExecutorService updates;
    private final ScheduledExecutorService restarts;
    private TelegramBotsLongPollingApplication app;
    private ScheduledFuture<?> pendingStart;
    private boolean started;
    private boolean closed;

    public TelegramBot(TelegramSettings settings, Approvals approvals, TraderCommands commands, Store store) {
        this(settings, approvals, commands, store, Clock.systemUTC());
    }

    public TelegramBot(TelegramSettings settings, Approvals approvals, TraderCommands commands, Store store, Clock clock) {
        this.settings = settings;
        this.approvals = approvals;
        this.clock = clock;
        OkHttpClient sendClient = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30))
                .retryOnConnectionFailure(false) // a silent resend could duplicate a message; Outbox decides about retries
                .build();
        TelegramClient client = new OkHttpTelegramClient(sendClient, settings.token(), settings.url());
        this.outbox = new Outbox(client, settings.queueCapacity(), settings.maxRetryAfter(), settings.maxAttempts());
        this.messages = new ApprovalMessages(settings, outbox, new MessageRegistry(store), clock);
        this.handler = new UpdateHandler(settings.allowedChats(), approvals, commands, store, outbox, messages, clock);
        this.pollWatch = new PollWatch(clock);
        this.pollClient = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(75)).readTimeout(Duration.ofSeconds(100)).writeTimeout(Duration.ofSeconds(70))
                .addInterceptor(TelegramBot::shortStartCall).addInterceptor(pollWatch).build();
        this.updates = Executors.newSingleThreadExecutor(r -> daemon(r, "telegram-updates"));
        this.restarts = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "telegram-start"));
    }

    /**
     * The long-poll timeouts (100 s: a getUpdates waits for updates) are for getUpdates only. A start
     * attempt's deleteWebhook runs while the bot is locked, so one that hung (a server that accepts and
     * never answers) kept {@link #isPolling} and the next attempt waiting 100 s; it now gives up after 10 s
     * and the attempt is retried (seen once in a full test run: the fake server came back mid-attempt).
     */
    private static okhttp3.Response shortStartCall(okhttp3.Interceptor.Chain chain) throws java.io.IOException {
        if (!chain.request().url().encodedPath().endsWith("/" + DELETE_WEBHOOK)) return chain.proceed(chain.request());
        return chain.withConnectTimeout(START_CALL_TIMEOUT_S, TimeUnit.SECONDS).withReadTimeout(START_CALL_TIMEOUT_S, TimeUnit.SECONDS)
                .withWriteTimeout(START_CALL_TIMEOUT_S, TimeUnit.SECONDS).proceed(chain.request());
    }

    private static final String DELETE_WEBHOOK = org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook.PATH;
    private static final int START_CALL_TIMEOUT_S = 10;

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Puts the deciding model's out-of-sample record in that confidence bucket beside each trade ("such trades won
     * 58 % of 412 out of sample, ..."): {@code gate} is the daemon's {@code TradingLoop.tradingGate()}, asked per message.
     */
    public TelegramBot showsEvidenceFrom(Supplier<TradingGate> gate) {
        messages.evidenceFrom(confidence -> {
            TradingGate g = gate.get();
            return g == null ? "no out-of-sample record for this confidence" : g.evidence(confidence);
        });
        return this;
    }

    // ---- lifecycle

    /**
     * Starts long polling (deleteWebhook, then getUpdates in a loop). Returns true when polling runs;
     * false when Telegram could not be reached: that is logged and retried every
     * {@code settings.restartDelay()} in the background. Never throws for a Telegram problem.
     */
    public synchronized boolean start() {
        if (closed) throw new IllegalStateException("the Telegram bot was closed");
        started = true;
        return tryStart();
    }

    private synchronized boolean tryStart() {
        pendingStart = null;
        if (closed || app != null) return app != null;
        TelegramBotsLongPollingApplication candidate = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollClient);
        try {
            candidate.registerBot(settings.token(), settings::url,
                    new DefaultGetUpdatesGenerator(List.of("message", "callback_query")), consumer());
            app = candidate;
            log.info("telegram: polling {}://{}:{} for {} allowed chat(s)", settings.url().getSchema(), settings.url().getHost(),
                    settings.url().getPort(), settings.allowedChats().size());
            return true;
        } catch (TelegramApiException | RuntimeException e) {
            closeQuietly(candidate);
            log.error("telegram: polling could not start ({}); trying again in {} s. Approvals wait in the approval service meanwhile.",
                    e.getMessage(), settings.restartDelay().toMillis() / 1000.0);
            pendingStart = restarts.schedule(this::tryStart, settings.restartDelay().toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }
    }

    private LongPollingUpdateConsumer consumer() {
        return (List<Update> batch) -> {
            try {
                updates.execute(() -> {
                    for (Update u : batch) {
                        try {
                            handler.handle(u);
                        } catch (RuntimeException e) {
                            log.error("telegram: update {} could not be handled", u.getUpdateId(), e);
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                log.warn("telegram: {} update(s) arrived while closing; not handled", batch.size());
            }
        };
    }

    /** True while long polling is registered. */
    public synchronized boolean isPolling() {
        return app != null && app.isRunning();
    }

    /** Stops polling, then lets queued sends finish for up to 5 seconds. Idempotent. */
    @Override
    public void close() {
        TelegramBotsLongPollingApplication a;
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (pendingStart != null) pendingStart.cancel(false);
            a = app;
            app = null;
        }
        restarts.shutdownNow();
        if (a != null) closeQuietly(a);
        updates.shutdown();
        try {
            if (!updates.awaitTermination(5, TimeUnit.SECONDS)) updates.shutdownNow();
        } catch (InterruptedException e) {
            updates.shutdownNow();
            Thread.currentThread().interrupt();
        }
        outbox.close(Duration.ofSeconds(5));
        pollClient.dispatcher().executorService().shutdown();
        pollClient.connectionPool().evictAll();
        if (started) log.info("telegram: stopped");
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    private static void closeQuietly(TelegramBotsLongPollingApplication a) {
        try {
            a.close();
        } catch (Exception e) {
            log.debug("telegram: closing long polling: {}", e.toString());
        }
    }

    // ---- approvals

    /** Shows the intent to every allowed chat with Approve/Reject buttons. Returns at once; never throws. */
    @Override
    public void offer(PendingIntent intent) {
        try {
            messages.offer(intent);
        } catch (RuntimeException e) {
            log.error("telegram: intent #{} could not be queued; it stays pending until it expires", intent.intentId(), e);
        }
    }

    /** Replaces the buttons of the intent's messages with the outcome (a decision made elsewhere). Never throws. */
    @Override
    public void settled(ApprovalOutcome outcome) {
        try {
            messages.close(outcome, null);
        } catch (RuntimeException e) {
            log.error("telegram: messages of intent #{} could not be closed", outcome.intentId(), e);
        }
    }

    /**
     * The scheduler's sweep: asks the approval service to expire what is due (timeout or price drift)
     * and edits those intents' messages to say "expired: ...". Returns how many intents expired;
     * never throws (a failing approval service is logged and 0 returned).
     */
    public int expireStale() {
        List<ApprovalOutcome> expired;
        try {
            expired = approvals.expireDue();
        } catch (RuntimeException e) {
            log.error("telegram: the expiry sweep failed", e);
            return 0;
        }
        for (ApprovalOutcome o : expired) settled(o);
        return expired.size();
    }

    // ---- alerts

    /** Sends the alert to every allowed chat if its kind is switched on. Returns at once; never throws. */
    @Override
    public void alert(AlertKind kind, String text) {
        if (kind == null || !settings.alerts().contains(kind)) return;
        try {
            String t = TelegramTexts.alert(kind, text);
            outbox.submit(kind.title() + " alert", () -> {
                for (long chat : settings.allowedChats()) {
                    outbox.call(kind.title() + " alert to chat " + chat, SendMessage.builder().chatId(chat).text(t).build(), Outbox.Retry.NORMAL);
                }
            });
        } catch (RuntimeException e) {
            log.error("telegram: {} alert could not be queued", kind, e);
        }
    }

    // ---- health

    /** How many getUpdates calls Telegram answered 409 Conflict (another poller or a webhook). */
    public long conflicts() {
        return pollWatch.conflicts();
    }

    /** When getUpdates last succeeded; null if never. */
    public Instant lastSuccessfulPoll() {
        return pollWatch.lastOkPoll();
    }

    /** Sends dropped because the queue was full. */
    public long droppedSends() {
        return outbox.dropped();
    }

    /** Sends waiting in the queue. */
    public int queuedSends() {
        return outbox.waiting();
    }
}
