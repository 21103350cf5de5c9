package autotrader.schwab;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Schwab REST requests per clock minute by kind (quotes, history, orders, accounts, other), for
 * `status` and the budget test: every request SchwabHttp sends is counted, retries included, and so is
 * every 429. Keeps the last two hours.
 */
public final class RestBudget {

    public enum Kind { QUOTES, HISTORY, ORDERS, ACCOUNTS, OTHER }

    private static final int KEEP_MINUTES = 120;

    private final Clock clock;
    /** epoch minute -> counts by kind. */
    private final TreeMap<Long, long[]> minutes = new TreeMap<>();
    private final AtomicLong tooMany = new AtomicLong();
    private Long firstMinute;

    public RestBudget(Clock clock) {
        this.clock = clock;
    }

    public static Kind kindOf(String pathAndQuery) {
        String p = pathAndQuery.toLowerCase(Locale.ROOT);
        if (p.startsWith("/marketdata/v1/quotes")) return Kind.QUOTES;
        if (p.startsWith("/marketdata/v1/pricehistory")) return Kind.HISTORY;
        if (p.contains("/orders")) return Kind.ORDERS;
        if (p.startsWith("/trader/v1/accounts") || p.startsWith("/trader/v1/userpreference")) return Kind.ACCOUNTS;
        return Kind.OTHER;
    }

    public synchronized void count(String pathAndQuery, int status) {
        long m = Math.floorDiv(clock.instant().getEpochSecond(), 60);
        if (firstMinute == null) firstMinute = m;
        minutes.computeIfAbsent(m, k -> new long[Kind.values().length])[kindOf(pathAndQuery).ordinal()]++;
        if (status == 429) tooMany.incrementAndGet();
        while (!minutes.isEmpty() && minutes.firstKey() < m - KEEP_MINUTES) minutes.pollFirstEntry();
    }

    /**
     * @param lastMinute     calls by kind in the last complete clock minute
     * @param averagePerMin  calls per minute over the last 60 complete minutes (fewer since the first call)
     * @param peakPerMin     the busiest of those minutes
     * @param tooMany        429 answers since start
     */
    public record Snapshot(Map<Kind, Long> lastMinute, double averagePerMin, long peakPerMin, long tooMany) {
        public long lastMinuteTotal() {
            return lastMinute.values().stream().mapToLong(Long::longValue).sum();
        }

        public String line() {
            StringBuilder sb = new StringBuilder();
            sb.append(lastMinuteTotal()).append(" calls last minute (");
            boolean first = true;
            for (var e : lastMinute.entrySet()) {
                if (e.getValue() == 0) continue;
                sb.append(first ? "" : ", ").append(e.getKey().name().toLowerCase(Locale.ROOT)).append(' ').append(e.getValue());
                first = false;
            }
            if (first) sb.append("none");
            sb.append(String.format(Locale.ROOT, "); %.1f/min over the last hour, peak %d/min; %d answered 429", averagePerMin, peakPerMin, tooMany));
            return sb.toString();
        }
    }

    public synchronized Snapshot snapshot() {
        long now = Math.floorDiv(clock.instant().getEpochSecond(), 60);
        Map<Kind, Long> last = new EnumMap<>(Kind.class);
        long[] l = minutes.getOrDefault(now - 1, new long[Kind.values().length]);
        for (Kind k : Kind.values()) last.put(k, l[k.ordinal()]);
        long from = Math.max(now - 60, firstMinute == null ? now : firstMinute);
        long total = 0, peak = 0;
        for (long m = from; m < now; m++) {
            long[] c = minutes.get(m);
            long sum = 0;
            if (c != null) for (long v : c) sum += v;
            total += sum;
            peak = Math.max(peak, sum);
        }
        long span = now - from;
        return new Snapshot(last, span == 0 ? 0 : total / (double) span, peak, tooMany.get());
    }

    /** Calls of one kind from {@code from} (inclusive) to {@code to} (exclusive), by clock minute. */
    public synchronized long calls(Kind kind, Instant from, Instant to) {
        long a = Math.floorDiv(from.getEpochSecond(), 60), b = Math.floorDiv(to.getEpochSecond(), 60);
        long n = 0;
        for (var e : minutes.subMap(a, true, b, false).entrySet()) n += kind == null ? Arrays.stream(e.getValue()).sum() : e.getValue()[kind.ordinal()];
        return n;
    }
}
