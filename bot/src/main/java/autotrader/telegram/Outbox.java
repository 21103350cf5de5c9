package autotrader.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the bot sends goes through here. {@link #submit} runs a task on one background thread
 * with a bounded queue and returns at once; it never throws into the caller (a full queue is
 * logged and the task dropped). {@link #call} is what a task uses to make one Bot API call:
 * a 429 is retried after {@code parameters.retry_after} (up to a cap and a number of attempts),
 * a network failure or 5xx once after a second, "message is not modified" counts as success, and
 * any other error is logged and given up. Nothing here ever retries a decision: only Telegram calls.
 */
final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** Retry policy for one call. */
    enum Retry {
        /** Honour 429 retry_after up to the cap; retry a network failure or 5xx once. */
        NORMAL,
        /** For answers to button presses, which expire within seconds: one 429 retry of at most 3 s, no other retry. */
        QUICK
    }

    private final TelegramClient client;
    private final Duration maxRetryAfter;
    private final int maxAttempts;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Outbox(TelegramClient client, int capacity, Duration maxRetryAfter, int maxAttempts) {
        this.client = client;
        this.maxRetryAfter = maxRetryAfter;
        this.maxAttempts = maxAttempts;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "telegram-outbox");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a task; false (logged) when the queue is full or the outbox is closed. Never throws. */
    boolean submit(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    log.error("telegram: {} failed: {}", what, e.toString(), e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            log.error("telegram: {} dropped: the send queue is {} (Telegram slow or down?)", what,
                    executor.isShutdown() ? "closed" : "full (" + executor.getQueue().size() + " waiting)");
            return false;
        }
    }

    /**
     * Makes one Bot API call with the retry policy. Returns the result, or empty when it failed for
     * good (already logged) or Telegram said "message is not modified".
     */
    <T extends Serializable> Optional<T> call(String what, BotApiMethod<T> method, Retry retry) {
        int attempts429 = 0;
        boolean retriedOther = false;
        while (true) {
            try {
                return Optional.ofNullable(client.execute(method));
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                String description = e.getApiResponse();
                if (code != null && code == 400 && description != null && description.contains("message is not modified")) {
                    return Optional.empty();
                }
                if (code != null && code == 429) {
                    Integer ra = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                    long waitS = ra == null || ra < 1 ? 1 : ra;
                    Duration cap = retry == Retry.QUICK ? Duration.ofSeconds(3) : maxRetryAfter;
                    int maxTries = retry == Retry.QUICK ? 2 : maxAttempts;
                    attempts429++;
                    if (attempts429 >= maxTries || waitS > cap.toSeconds()) {
                        failed.incrementAndGet();
                        log.error("telegram: {} given up after {} attempt(s): 429 Too Many Requests, retry_after {} s (cap {} s)",
                                what, attempts429, waitS, cap.toSeconds());
                        return Optional.empty();
                    }
                    log.warn("telegram: {}: 429 Too Many Requests, retrying in {} s (attempt {} of {})", what, waitS, attempts429 + 1, maxTries);
                    if (!sleep(Duration.ofSeconds(waitS))) return Optional.empty();
                    continue;
                }
                if (code != null && code >= 500 && retry == Retry.NORMAL && !retriedOther) {
                    retriedOther = true;
                    log.warn("telegram: {}: {} {}, retrying once in 1 s", what, code, description);
                    if (!sleep(Duration.ofSeconds(1))) return Optional.empty();
                    continue;
                }
                failed.incrementAndGet();
                if (code != null && code == 401) {
                    log.error("telegram: {} refused: 401 Unauthorized: the bot token (telegram.bot_token) is wrong or revoked", what);
                } else if (code != null && code == 403) {
                    log.error("telegram: {} refused: 403 {} (has the trader blocked the bot or left the chat?)", what, description);
                } else {
                    log.error("telegram: {} failed: {} {}", what, code, description);
                }
                return Optional.empty();
            } catch (TelegramApiValidationException e) {
                failed.incrementAndGet();
                log.error("telegram: {} not sent: {}", what, e.getMessage());
                return Optional.empty();
            } catch (TelegramApiException e) {
                // network failure, timeout or an unreadable reply
                if (retry == Retry.NORMAL && !retriedOther) {
                    retriedOther = true;
                    log.warn("telegram: {}: {}, retrying once in 1 s", what, rootMessage(e));
                    if (!sleep(Duration.ofSeconds(1))) return Optional.empty();
                    continue;
                }
                failed.incrementAndGet();
                log.error("telegram: {} failed: {}", what, rootMessage(e));
                return Optional.empty();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.error("telegram: {} failed: {}", what, e.toString());
                return Optional.empty();
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Tasks dropped because the queue was full or closed. */
    long dropped() {
        return dropped.get();
    }

    /** Calls and tasks that failed for good. */
    long failed() {
        return failed.get();
    }

    int waiting() {
        return executor.getQueue().size();
    }

    /** Lets queued sends finish for up to {@code grace}, then interrupts what is left. */
    void close(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                int left = executor.shutdownNow().size();
                log.warn("telegram: closed with {} send(s) not done", left);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
