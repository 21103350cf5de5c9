package autotrader.telegram;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the long-polling requests (an OkHttp interceptor on the polling client): the library only
 * logs a generic error and backs off, so a 409 Conflict (a second instance polling with the same
 * token, or a webhook set) and a 401 (bad token) are logged here in plain words, at most once a
 * minute each, and counted. Never logs the URL: it contains the token.
 */
final class PollWatch implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(PollWatch.class);
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final Clock clock;
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicReference<Instant> lastConflictLog = new AtomicReference<>(Instant.EPOCH);
    private final AtomicReference<Instant> lastUnauthorizedLog = new AtomicReference<>(Instant.EPOCH);
    private final AtomicReference<Instant> lastOkPoll = new AtomicReference<>();

    PollWatch(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String path = chain.request().url().encodedPath().toLowerCase();
        if (!path.endsWith("/getupdates")) return response;
        int code = response.code();
        Instant now = clock.instant();
        if (code == 409) {
            conflicts.incrementAndGet();
            if (due(lastConflictLog, now)) {
                log.error("telegram: getUpdates answered 409 Conflict: another process is polling with this bot token, "
                        + "or a webhook is set for it. This instance receives no button presses or commands while that lasts. "
                        + "Run only one autotrader per bot token (and no webhook); trading and pending intents are unaffected, "
                        + "intents expire if nobody can approve them. ({} conflict(s) so far)", conflicts.get());
            }
        } else if (code == 401) {
            unauthorized.incrementAndGet();
            if (due(lastUnauthorizedLog, now)) {
                log.error("telegram: getUpdates answered 401 Unauthorized: telegram.bot_token is wrong or was revoked (BotFather /revoke); "
                        + "no approvals or commands arrive until it is fixed");
            }
        } else if (response.isSuccessful()) {
            lastOkPoll.set(now);
        }
        return response;
    }

    private static boolean due(AtomicReference<Instant> last, Instant now) {
        Instant prev = last.get();
        return Duration.between(prev, now).compareTo(QUIET) >= 0 && last.compareAndSet(prev, now);
    }

    long conflicts() {
        return conflicts.get();
    }

    long unauthorized() {
        return unauthorized.get();
    }

    /** When getUpdates last answered 2xx; null if never. */
    Instant lastOkPoll() {
        return lastOkPoll.get();
    }
}
