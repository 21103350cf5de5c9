package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.config.AppConfig;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the Telegram adapter needs, taken from {@code telegram:} in config.yaml (already validated by
 * ConfigLoader). {@link #toString()} never shows the token.
 *
 * @param token            the resolved bot token
 * @param url              the Bot API server (scheme, host, port)
 * @param allowedChats     the only chats that may approve or command anything
 * @param maxPriceDriftPct shown in the approval message (the approval service enforces it), fraction
 * @param alerts           the alert kinds switched on
 * @param queueCapacity    sends waiting beyond this are dropped (logged)
 * @param maxRetryAfter    a 429 asking to wait longer than this is not retried
 * @param maxAttempts      attempts per send when Telegram answers 429
 * @param restartDelay     wait before trying again when polling cannot start (Telegram down)
 */
public record TelegramSettings(String token, TelegramUrl url, Set<Long> allowedChats, double maxPriceDriftPct,
                               Set<AlertKind> alerts, int queueCapacity, Duration maxRetryAfter, int maxAttempts,
                               Duration restartDelay) {

    public TelegramSettings {
        if (token == null || token.isBlank()) throw new IllegalArgumentException("telegram.bot_token is not resolved");
        Objects.requireNonNull(url, "url");
        allowedChats = Set.copyOf(new LinkedHashSet<>(allowedChats));
        alerts = alerts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alerts));
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be at least 1");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    /** From the validated config; the token must have been resolved by ConfigLoader. */
    public static TelegramSettings from(AppConfig c) {
        AppConfig.Telegram t = c.telegram;
        return of(t.botToken.value(), parseUrl(t.apiUrl), t.allowedChatIds, c.approvals.maxPriceDriftPct, enabledAlerts(t.alerts));
    }

    /** Settings with the default queue, retry and restart limits. */
    public static TelegramSettings of(String token, TelegramUrl url, List<Long> allowedChats, double maxPriceDriftPct, Set<AlertKind> alerts) {
        return new TelegramSettings(token, url, new LinkedHashSet<>(allowedChats), maxPriceDriftPct, alerts,
                1000, Duration.ofSeconds(60), 5, Duration.ofSeconds(30));
    }

    public TelegramSettings withRestartDelay(Duration d) {
        return new TelegramSettings(token, url, allowedChats, maxPriceDriftPct, alerts, queueCapacity, maxRetryAfter, maxAttempts, d);
    }

    public TelegramSettings withQueue(int capacity, Duration maxRetryAfter, int maxAttempts) {
        return new TelegramSettings(token, url, allowedChats, maxPriceDriftPct, alerts, capacity, maxRetryAfter, maxAttempts, restartDelay);
    }

    /** {@code https://api.telegram.org} → TelegramUrl("https", "api.telegram.org", 443, false). */
    public static TelegramUrl parseUrl(String apiUrl) {
        URI u = URI.create(apiUrl.trim());
        String scheme = u.getScheme().toLowerCase();
        int port = u.getPort() > 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, u.getHost(), port, false);
    }

    public static Set<AlertKind> enabledAlerts(AppConfig.Alerts a) {
        Set<AlertKind> on = EnumSet.noneOf(AlertKind.class);
        for (AlertKind k : AlertKind.values()) {
            boolean enabled = switch (k) {
                case FILL -> a.fills;
                case STOP_LOSS -> a.stopLoss;
                case TAKE_PROFIT -> a.takeProfit;
                case ORDER_REJECTED -> a.orderRejected;
                case ORDER_PROBLEM -> a.orderProblems;
                case STREAM -> a.stream;
                case RULES_REFUSED -> a.rulesRefused;
                case TOKEN_EXPIRY -> a.tokenExpiry;
                case JOB_ERROR -> a.jobError;
                case DAILY_SUMMARY -> a.dailySummary;
            };
            if (enabled) on.add(k);
        }
        return on;
    }

    @Override
    public String toString() {
        return "TelegramSettings[url=" + url.getSchema() + "://" + url.getHost() + ":" + url.getPort() + ", allowedChats=" + allowedChats
                + ", alerts=" + alerts + ", token=****]";
    }
}
