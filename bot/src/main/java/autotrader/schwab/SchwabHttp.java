package autotrader.schwab;

import autotrader.orders.OrderOutcomeUnknownException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * The HTTP client shared by Schwab orders and (later) Schwab market data. Every call passes the one
 * rate limiter. Reads (GET) retry with backoff on 5xx, 429 and I/O errors, honouring Retry-After, and
 * refresh the token once on a 401. Order calls (POST/PUT/DELETE) go through a second OkHttpClient with
 * retryOnConnectionFailure off and are never retried: a silent replay could place an order twice.
 */
public final class SchwabHttp {

    private static final Logger log = LoggerFactory.getLogger(SchwabHttp.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    static final ObjectMapper JSON = new ObjectMapper();

    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public record Retry(int maxRetries, Duration firstBackoff, Duration maxBackoff) {
        public static Retry defaults() {
            return new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(60));
        }
    }

    /** The raw answer to an order call. {@code location} is the Location header or null. */
    public record OrderAnswer(int status, String location, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String baseUrl;
    private final SchwabAuth auth;
    private final RateLimiter limiter;
    private final OkHttpClient reads;
    private final OkHttpClient orders;
    private final Retry retry;
    private final Sleeper sleeper;
    private volatile RestBudget budget;

    public SchwabHttp(String baseUrl, SchwabAuth auth, RateLimiter limiter, OkHttpClient base, Retry retry, Sleeper sleeper) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.auth = auth;
        this.limiter = limiter;
        this.reads = base;
        this.orders = base.newBuilder().retryOnConnectionFailure(false).build();
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** The client builder with the timeouts SCHWAB.md recommends (5 s connect, 15 s read). */
    public static OkHttpClient defaultClient() {
        return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15)).build();
    }

    /** Counts every request this client sends (shown in `status`); none counted before this is set. */
    public SchwabHttp countInto(RestBudget budget) {
        this.budget = budget;
        return this;
    }

    public RestBudget budget() {
        return budget;
    }

    private void counted(String pathAndQuery, int status) {
        RestBudget b = budget;
        if (b != null) b.count(pathAndQuery, status);
    }

    OkHttpClient orderClient() {
        return orders;
    }

    public JsonNode get(String pathAndQuery) {
        boolean refreshed = false;
        boolean marketData = pathAndQuery.startsWith("/marketdata/");
        for (int attempt = 0; ; attempt++) {
            if (marketData) limiter.acquireMarketData();
            else limiter.acquire();
            String token = auth.accessToken();
            Request req = new Request.Builder().url(baseUrl + pathAndQuery).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").get().build();
            int status;
            String body;
            String retryAfter;
            try (Response resp = reads.newCall(req).execute()) {
                status = resp.code();
                body = resp.body().string();
                retryAfter = resp.header("Retry-After");
            } catch (IOException e) {
                counted(pathAndQuery, 0);
                if (attempt < retry.maxRetries()) {
                    backoff(attempt, null, "GET " + path(pathAndQuery) + " failed (" + e.getClass().getSimpleName() + ")");
                    continue;
                }
                throw new SchwabException("GET " + path(pathAndQuery) + " failed: " + e.getClass().getSimpleName(), 0, e);
            }
            counted(pathAndQuery, status);
            if (status == 401 && !refreshed) {
                refreshed = true;
                auth.refreshAfterUnauthorized(token);
                attempt--;           // the retry after a refresh is not a backoff retry
                continue;
            }
            if ((status == 429 || status >= 500) && attempt < retry.maxRetries()) {
                backoff(attempt, retryAfter, "GET " + path(pathAndQuery) + " answered HTTP " + status);
                continue;
            }
            if (status < 200 || status >= 300) {
                throw new SchwabException("GET " + path(pathAndQuery) + ": HTTP " + status + " " + SchwabErrors.describe(body), status, null);
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                log.warn("GET {}: malformed JSON ({} bytes)", path(pathAndQuery), body.length());
                throw new SchwabException("GET " + path(pathAndQuery) + ": malformed JSON in the answer", status, null);
            }
        }
    }

    /**
     * One order call, never retried. An I/O failure after the request may have left is an unknown
     * outcome; a 401 refreshes the token for the next call and is also reported as unknown (reconcile,
     * never replay).
     */
    public OrderAnswer orderCall(String method, String path, String jsonBody) {
        limiter.acquire();
        String token = auth.accessToken();
        Request.Builder b = new Request.Builder().url(baseUrl + path).header("Authorization", "Bearer " + token).header("Accept", "application/json");
        RequestBody body = jsonBody == null ? (method.equals("DELETE") ? null : RequestBody.create(new byte[0], JSON_TYPE))
                : RequestBody.create(jsonBody, JSON_TYPE);
        b.method(method, body);
        try (Response resp = orders.newCall(b.build()).execute()) {
            OrderAnswer a = new OrderAnswer(resp.code(), resp.header("Location"), resp.body().string());
            counted(path, a.status());
            if (a.status() == 401) {
                try {
                    auth.refreshAfterUnauthorized(token);
                } catch (SchwabException e) {
                    log.warn("token refresh after a 401 on {} {} failed: {}", method, path, e.getMessage());
                }
                throw new OrderOutcomeUnknownException(method + " " + path + ": HTTP 401; token refreshed, order state to be reconciled", null);
            }
            return a;
        } catch (IOException e) {
            counted(path, 0);
            throw new OrderOutcomeUnknownException(method + " " + path + " failed after sending: " + e.getClass().getSimpleName(), e);
        }
    }

    private void backoff(int attempt, String retryAfter, String why) {
        Duration wait = retry.firstBackoff().multipliedBy(1L << Math.min(attempt, 16));
        if (retryAfter != null) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            } catch (NumberFormatException ignored) {
                // an HTTP-date Retry-After: keep the exponential backoff
            }
        }
        if (wait.compareTo(retry.maxBackoff()) > 0) wait = retry.maxBackoff();
        log.warn("{}; retry {} of {} in {} ms", why, attempt + 1, retry.maxRetries(), wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchwabException("interrupted while backing off");
        }
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
