package autotrader.schwab.stream;

import java.time.Duration;

/**
 * How the stream is watched and brought back (config {@code schwab.streaming.*}).
 *
 * @param heartbeatTimeout no frame at all (data, ack or heartbeat) for this long = the socket is dead
 * @param backoffInitial   first reconnect delay; doubled per failed try, with jitter
 * @param backoffMax       the longest reconnect delay
 * @param maxLoginDenials  LOGIN refusals in a row after which the stream stops retrying and alerts
 */
public record StreamSettings(Duration heartbeatTimeout, Duration backoffInitial, Duration backoffMax, int maxLoginDenials) {

    public StreamSettings {
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) throw new IllegalArgumentException("heartbeat timeout must be positive");
        if (backoffInitial.isNegative() || backoffInitial.isZero() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        if (maxLoginDenials < 1) throw new IllegalArgumentException("max login denials must be at least 1");
    }

    public static StreamSettings defaults() {
        return new StreamSettings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(2), 3);
    }
}
