package autotrader.schwab.stream;

import java.time.Instant;

/**
 * What `status`, the desk and Telegram show about the stream. {@code phase}: OFF (not configured),
 * CONNECTING, STREAMING, DOWN (reconnecting; bars come from REST meanwhile) or STOPPED (LOGIN denied
 * repeatedly; {@code reason} says why).
 */
public record StreamState(Phase phase, Instant connectedSince, int chartKeys, int activityKeys, Instant lastFrameAt, int reconnectsToday,
                          String reason) {

    public enum Phase { OFF, CONNECTING, STREAMING, DOWN, STOPPED }

    public static StreamState off(String why) {
        return new StreamState(Phase.OFF, null, 0, 0, null, 0, why);
    }

    /** One line: "STREAMING since ..., 52 chart keys + account activity, last frame ..., 3 reconnects today". */
    public String line() {
        StringBuilder sb = new StringBuilder(phase.name());
        if (phase == Phase.STREAMING && connectedSince != null) sb.append(" since ").append(connectedSince);
        if (phase != Phase.OFF) {
            sb.append(", ").append(chartKeys).append(" chart keys").append(activityKeys > 0 ? " + account activity" : "");
            sb.append(", last frame ").append(lastFrameAt == null ? "never" : lastFrameAt.toString());
            sb.append(", ").append(reconnectsToday).append(reconnectsToday == 1 ? " reconnect" : " reconnects").append(" today");
        }
        if (phase == Phase.DOWN) sb.append("; bars from REST polling meanwhile");
        if (reason != null && !reason.isBlank()) sb.append(" (").append(reason).append(')');
        return sb.toString();
    }
}
