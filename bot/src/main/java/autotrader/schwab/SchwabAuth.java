package autotrader.schwab;

import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Schwab OAuth2 (authorization-code flow). The access token (30 min) is refreshed 5 minutes before it
 * runs out and once after a 401; the refresh token (7 days from the login, not extended by
 * refreshing) is warned about a day ahead. When it has expired or the token endpoint refuses it, the
 * client turns monitor-only: no order is placed, reads go on while the access token lasts, and an
 * alert asks for a new login. Nothing here ever logs or puts in an exception the app key, the secret,
 * a token or the authorization code.
 *
 * <p>`autotrader schwab login` runs in another process and writes the token file; every entry point
 * here first compares the file's version (one stat) with the one this process last read or wrote,
 * and a newer login found there is adopted at once: monitor-only and the expiry warning are cleared,
 * so the daemon places orders again without a restart.
 */
public final class SchwabAuth {

    private static final Logger log = LoggerFactory.getLogger(SchwabAuth.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    static final Duration REFRESH_TOKEN_LIFE = Duration.ofDays(7);
    static final Duration WARN_AHEAD = Duration.ofDays(1);

    private final String baseUrl;
    private final String appKey;
    private final String appSecret;
    private final String callbackUrl;
    private final TokenFile file;
    private final OkHttpClient http;
    private final RateLimiter limiter;
    private final Clock clock;
    private final Notifier alerts;
    private Tokens tokens;
    private String monitorOnlyReason;
    private boolean expiryWarned;
    /** The token file as this process last read or wrote it; another version means another process wrote it. */
    private Optional<TokenFile.Version> fileVersion = Optional.empty();

    public SchwabAuth(String baseUrl, String appKey, String appSecret, String callbackUrl, TokenFile file, OkHttpClient http,
                      RateLimiter limiter, Clock clock, Notifier alerts) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.callbackUrl = callbackUrl;
        this.file = file;
        this.http = http;
        this.limiter = limiter;
        this.clock = clock;
        this.alerts = alerts;
    }

    /** Step 1: the page the trader opens in a browser. */
    public String authorizeUrl() {
        return HttpUrl.get(baseUrl + "/v1/oauth/authorize").newBuilder()
                .addQueryParameter("client_id", appKey).addQueryParameter("redirect_uri", callbackUrl)
                .addQueryParameter("response_type", "code").build().toString();
    }

    /** Step 2: the URL the browser was redirected to; its code is exchanged at once (it lives about 30 s). */
    public synchronized Tokens exchange(String redirectedUrl) {
        String code = codeFrom(redirectedUrl);
        Tokens t = tokenCall(new FormBody.Builder().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", callbackUrl).build(), null, "code exchange");
        tokens = t;
        monitorOnlyReason = null;
        expiryWarned = false;
        file.write(t);
        fileVersion = file.version();
        log.info("Schwab login done; the refresh token expires {}", t.refreshExpiresAt());
        return t;
    }

    static String codeFrom(String redirectedUrl) {
        String url = redirectedUrl == null ? "" : redirectedUrl.trim();
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals("code")) {
                    // Schwab's code ends in %40 ('@'): decode before posting it.
                    String code = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (!code.isBlank()) return code;
                }
            }
        }
        throw new SchwabAuthException("the pasted URL has no code parameter; paste the whole address the browser was sent to", 0, true);
    }

    /** A valid access token, refreshed first when it has less than 5 minutes left. */
    public synchronized String accessToken() {
        adoptNewerLogin();
        Tokens t = current();
        Instant now = clock.instant();
        warnIfRefreshTokenEnding(t, now);
        if (now.isBefore(t.accessExpiresAt().minus(REFRESH_AHEAD))) return t.accessToken();
        if (monitorOnlyReason == null) {
            try {
                return refresh().accessToken();
            } catch (SchwabAuthException e) {
                if (now.isBefore(t.accessExpiresAt())) return t.accessToken();   // reads go on while it lasts
                throw e;
            }
        }
        if (now.isBefore(t.accessExpiresAt())) return t.accessToken();
        throw new SchwabAuthException("Schwab access expired and the login must be renewed (" + monitorOnlyReason + "): run `autotrader schwab login`", 401, true);
    }

    /** After a 401: refresh once, unless another thread already did since {@code tokenUsed} was handed out. */
    public synchronized void refreshAfterUnauthorized(String tokenUsed) {
        adoptNewerLogin();   // a new login written meanwhile gives a new access token: the caller retries with it
        Tokens t = current();
        if (!t.accessToken().equals(tokenUsed)) return;
        if (monitorOnlyReason != null) throw new SchwabAuthException("Schwab refused the access token and the login must be renewed", 401, true);
        refresh();
    }

    public synchronized Optional<String> monitorOnlyReason() {
        adoptNewerLogin();
        if (monitorOnlyReason == null && tokens == null) {
            try {
                current();
            } catch (SchwabAuthException e) {
                return Optional.of(e.getMessage());
            }
        }
        if (monitorOnlyReason == null && tokens != null && !clock.instant().isBefore(tokens.refreshExpiresAt())) {
            goMonitorOnly("the 7-day refresh token expired at " + tokens.refreshExpiresAt());
        }
        return Optional.ofNullable(monitorOnlyReason);
    }

    private Tokens current() {
        if (tokens == null) {
            fileVersion = file.version();   // before the read: a write in between is seen as a change and read again
            tokens = file.read().orElseThrow(() -> new SchwabAuthException("no Schwab login yet (" + file.path()
                    + " does not exist): run `autotrader schwab login`", 0, true));
        }
        return tokens;
    }

    private Tokens refresh() {
        Tokens old = current();
        if (!clock.instant().isBefore(old.refreshExpiresAt())) {
            goMonitorOnly("the 7-day refresh token expired at " + old.refreshExpiresAt());
            throw new SchwabAuthException("the Schwab refresh token expired: run `autotrader schwab login`", 0, true);
        }
        Tokens t;
        try {
            t = tokenCall(new FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", old.refreshToken()).build(), old, "refresh");
        } catch (SchwabAuthException e) {
            if (e.reloginNeeded()) goMonitorOnly("the token endpoint refused the refresh token");
            throw e;
        }
        tokens = t;
        file.write(t);
        fileVersion = file.version();   // our own write is not news
        log.info("Schwab access token refreshed; valid until {}", t.accessExpiresAt());
        return t;
    }

    /**
     * When another process wrote the token file since this one last saw it: a newer login replaces
     * the one in memory and clears monitor-only and the expiry warning (one alert says so); the same
     * login refreshed elsewhere brings its later access token; anything older is ignored.
     */
    private void adoptNewerLogin() {
        if (tokens == null) return;   // not read yet: current() reads the file as it is
        Optional<TokenFile.Version> now;
        Tokens onDisk;
        try {
            now = file.version();
            if (now.isEmpty() || now.equals(fileVersion)) return;
            fileVersion = now;
            onDisk = file.read().orElse(null);
        } catch (SchwabAuthException e) {
            log.warn("the Schwab token file changed but cannot be read ({}); keeping the login this process has", e.getMessage());
            return;
        }
        if (onDisk == null) return;
        if (onDisk.loggedInAt().isAfter(tokens.loggedInAt())) {
            boolean wasMonitorOnly = monitorOnlyReason != null;
            tokens = onDisk;
            monitorOnlyReason = null;
            expiryWarned = false;
            log.info("Schwab login renewed by `autotrader schwab login`; the refresh token expires {}{}", onDisk.refreshExpiresAt(),
                    wasMonitorOnly ? "; no longer monitor-only, orders are placed again" : "");
            alerts.alert(AlertKind.TOKEN_EXPIRY, wasMonitorOnly
                    ? "Schwab login renewed; orders are placed again (the login lasts until " + onDisk.refreshExpiresAt() + ")"
                    : "Schwab login renewed; it lasts until " + onDisk.refreshExpiresAt());
        } else if (onDisk.loggedInAt().equals(tokens.loggedInAt()) && onDisk.accessExpiresAt().isAfter(tokens.accessExpiresAt())) {
            tokens = onDisk;   // another process refreshed the same login: its access token is the newer one
            log.info("Schwab access token refreshed by another process; valid until {}", onDisk.accessExpiresAt());
        }
    }

    private void goMonitorOnly(String why) {
        if (monitorOnlyReason != null) return;
        monitorOnlyReason = why;
        log.error("Schwab client is now MONITOR-ONLY: {}; no orders will be placed until `autotrader schwab login`", why);
        alerts.alert(AlertKind.TOKEN_EXPIRY, "Schwab login needed: " + why + ". Orders are stopped (monitor-only) until `autotrader schwab login`.");
    }

    private void warnIfRefreshTokenEnding(Tokens t, Instant now) {
        if (!expiryWarned && !now.isBefore(t.refreshExpiresAt().minus(WARN_AHEAD)) && now.isBefore(t.refreshExpiresAt())) {
            expiryWarned = true;
            alerts.alert(AlertKind.TOKEN_EXPIRY, "the Schwab login expires at " + t.refreshExpiresAt()
                    + ": run `autotrader schwab login` before then, or trading stops");
        }
    }

    private Tokens tokenCall(FormBody body, Tokens old, String what) {
        String basic = Base64.getEncoder().encodeToString((appKey + ":" + appSecret).getBytes(StandardCharsets.UTF_8));
        Request req = new Request.Builder().url(baseUrl + "/v1/oauth/token").header("Authorization", "Basic " + basic)
                .header("Accept", "application/json").post(body).build();
        limiter.acquire();
        try (Response resp = http.newCall(req).execute()) {
            String text = resp.body().string();
            if (resp.code() == 400 || resp.code() == 401) {
                throw new SchwabAuthException("Schwab token endpoint refused the " + what + " (HTTP " + resp.code() + " "
                        + errorCode(text) + "): run `autotrader schwab login`", resp.code(), true);
            }
            if (!resp.isSuccessful()) throw new SchwabAuthException("Schwab token endpoint failed the " + what + " (HTTP " + resp.code() + ")", resp.code(), false);
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (IOException e) {
                throw new SchwabAuthException("Schwab token endpoint answered the " + what + " with malformed JSON", resp.code(), false);
            }
            String access = n.path("access_token").asText("");
            if (access.isEmpty()) throw new SchwabAuthException("Schwab token answer to the " + what + " has no access_token", resp.code(), false);
            Instant now = clock.instant();
            // A refresh may or may not rotate the refresh token: keep whatever comes back, and the original 7-day deadline.
            String refresh = n.path("refresh_token").asText("");
            if (refresh.isEmpty() && old != null) refresh = old.refreshToken();
            Instant refreshExpires = old == null ? now.plus(REFRESH_TOKEN_LIFE) : old.refreshExpiresAt();
            return new Tokens(access, refresh, now.plusSeconds(n.path("expires_in").asLong(1800)), refreshExpires,
                    old == null ? now : old.loggedInAt());
        } catch (IOException e) {
            throw new SchwabAuthException("Schwab token endpoint unreachable during the " + what + " (" + e.getClass().getSimpleName() + ")", 0, false);
        }
    }

    /** Only the short `error` code: the description can quote request data. */
    private static String errorCode(String body) {
        try {
            String code = JSON.readTree(body).path("error").asText("");
            return code.matches("[a-z_]{1,60}") ? code : "";
        } catch (IOException e) {
            return "";
        }
    }
}
