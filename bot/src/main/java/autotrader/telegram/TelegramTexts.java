package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.PendingIntent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The plain-text messages the bot sends (no parse mode, so nothing needs escaping). */
final class TelegramTexts {

    /** Telegram's limit for one message. */
    static final int MAX_TEXT = 4096;
    /** Telegram's limit for a callback answer (toast). */
    static final int MAX_ANSWER = 200;

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'ET'", Locale.US).withZone(NEW_YORK);

    private TelegramTexts() {
    }

    static String time(Instant t) {
        return t == null ? "?" : TIME.format(t);
    }

    /** The approval request: what would be bought, at what risk, and why. */
    static String proposal(PendingIntent p, double maxPriceDriftPct) {
        return proposal(p, maxPriceDriftPct, null);
    }

    /** {@code evidence}: the model's out-of-sample record at this confidence (null: none is known here, and the line is left out). */
    static String proposal(PendingIntent p, double maxPriceDriftPct, String evidence) {
        StringBuilder b = new StringBuilder();
        b.append(p.side()).append(' ').append(p.quantity()).append(' ').append(p.symbol())
                .append(": approve?  (intent #").append(p.intentId()).append(")\n");
        b.append("Price ").append(money(p.signalPrice())).append(" · entry ").append(entry(p)).append('\n');
        b.append("Confidence ").append(pct(p.confidence() * 100, 0, false))
                .append(" · expected return ").append(pct(p.expectedReturn(), 2, true))
                .append(" · risk score ").append(p.riskScore()).append("/10")
                .append(" · horizon ").append(p.timeHorizon() == null ? "?" : p.timeHorizon()).append('\n');
        b.append("Stop-loss ").append(money(p.stopLoss())).append(" (").append(pct(change(p.entryPrice(), p.stopLoss()), 2, true)).append(')')
                .append(" · take-profit ").append(money(p.takeProfit())).append(" (").append(pct(change(p.entryPrice(), p.takeProfit()), 2, true)).append(')');
        if (p.trailingStopPct() > 0) b.append(" · trailing stop ").append(pct(p.trailingStopPct() * 100, 1, false));
        if (p.holdingLimit() != null) b.append(" · ").append(p.holdingLimit());
        b.append('\n');
        b.append("Position $").append(money(p.positionValue())).append(" · at risk $").append(money(p.riskAmount())).append('\n');
        b.append("Why: ").append(p.firedRules().isEmpty() ? "(no rules named)" : String.join("; ", p.firedRules())).append('\n');
        if (evidence != null) b.append("Evidence: ").append(evidence).append('\n');
        b.append("Expires ").append(time(p.expiresAt())).append(", or earlier if the price moves more than ")
                .append(pct(maxPriceDriftPct * 100, 1, false)).append(" from ").append(money(p.signalPrice())).append('.');
        return cut(b.toString(), MAX_TEXT);
    }

    private static String entry(PendingIntent p) {
        if ("LIMIT".equalsIgnoreCase(p.entryType()) && !Double.isNaN(p.limitPrice())) return "LIMIT " + money(p.limitPrice());
        return (p.entryType() == null ? "MARKET" : p.entryType()) + " (~" + money(p.entryPrice()) + ")";
    }

    /** The line that replaces the buttons once the intent is settled. */
    static String outcomeLine(ApprovalOutcome o) {
        return switch (o.kind()) {
            case SUBMITTED -> "✅ APPROVED by " + who(o.actor()) + " at " + time(o.at()) + ": order " + o.brokerOrderId() + " submitted";
            case FILLED -> "✅ APPROVED by " + who(o.actor()) + " at " + time(o.at()) + ": filled at " + money(o.fillPrice())
                    + (o.brokerOrderId() == null ? "" : " (order " + o.brokerOrderId() + ")");
            case REJECTED -> "❌ REJECTED by " + who(o.actor()) + " at " + time(o.at());
            case REJECTED_BY_BROKER -> "⚠️ APPROVED by " + who(o.actor()) + " at " + time(o.at())
                    + ", but the broker rejected the order: " + o.reason();
            case EXPIRED -> "⏰ expired: " + o.reason() + (o.at() == null ? "" : " (" + time(o.at()) + ")");
            case ALREADY_DECIDED -> earlier(o.earlier());
            case NOT_FOUND -> "intent #" + o.intentId() + " not found: nothing was done";
            case PAUSED -> "⏸ trading is paused: nothing was sent. /resume, then approve again before it expires.";
            case UNCONFIRMED -> "⏳ APPROVED by " + who(o.actor()) + " at " + time(o.at()) + ": " + o.reason()
                    + "; checking with the broker, this message will say what became of it";
            case FAILED -> "⚠️ APPROVED by " + who(o.actor()) + " at " + time(o.at()) + ", but the order FAILED: " + o.reason();
            case REFUSED -> "🛑 not approved: " + o.reason() + (o.at() == null ? "" : " (" + time(o.at()) + ")");
        };
    }

    private static String earlier(ApprovalOutcome.Earlier e) {
        String icon = switch (e.verdict()) {
            case APPROVED -> "✅ ";
            case REJECTED -> "❌ ";
            case EXPIRED -> "⏰ ";
        };
        return icon + earlierText(e);
    }

    /** "already approved by telegram:1 at 14:31:02 ET (submitted): order X", without an icon. */
    private static String earlierText(ApprovalOutcome.Earlier e) {
        String by = (e.actor() == null ? "" : " by " + who(e.actor())) + (e.at() == null ? "" : " at " + time(e.at()));
        String detail = e.detail() == null || e.detail().isBlank() ? "" : ": " + e.detail();
        return switch (e.verdict()) {
            case APPROVED -> "already approved" + by
                    + (e.result() == null ? "" : " (" + e.result().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")") + detail;
            case REJECTED -> "already rejected" + by + detail;
            case EXPIRED -> "already expired" + (e.at() == null ? "" : " at " + time(e.at())) + detail;
        };
    }

    /** The short answer to a button press (shown as a toast). */
    static String answer(ApprovalOutcome o) {
        String s = switch (o.kind()) {
            case SUBMITTED -> "Approved: order " + o.brokerOrderId() + " submitted";
            case FILLED -> "Approved: filled at " + money(o.fillPrice());
            case REJECTED -> "Rejected";
            case REJECTED_BY_BROKER -> "Broker rejected the order: " + o.reason();
            case EXPIRED -> "Expired: " + o.reason();
            case ALREADY_DECIDED -> "A" + earlierText(o.earlier()).substring(1);
            case NOT_FOUND -> "Intent #" + o.intentId() + " not found";
            case PAUSED -> "Trading is paused: nothing sent. /resume first.";
            case UNCONFIRMED -> "Approved; the broker's answer was unclear: checking";
            case FAILED -> "Approved, but the order failed: " + o.reason();
            case REFUSED -> "Refused: " + o.reason();
        };
        return cut(s, MAX_ANSWER);
    }

    /** The text a closed message shows: the proposal, then the outcome. */
    static String closed(String proposalText, String outcomeLine) {
        return cut(proposalText + "\n\n" + outcomeLine, MAX_TEXT);
    }

    static String alert(AlertKind kind, String text) {
        return cut(icon(kind) + " " + kind.title() + "\n" + (text == null ? "" : text), MAX_TEXT);
    }

    private static String icon(AlertKind k) {
        return switch (k) {
            case FILL -> "💵";
            case STOP_LOSS -> "🛑";
            case TAKE_PROFIT -> "🎯";
            case ORDER_REJECTED -> "⚠️";
            case ORDER_PROBLEM -> "❗";
            case STREAM -> "📡";
            case RULES_REFUSED -> "📜";
            case TOKEN_EXPIRY -> "🔑";
            case JOB_ERROR -> "❗";
            case DAILY_SUMMARY -> "📊";
        };
    }

    static String pendingList(List<PendingIntent> pending) {
        if (pending.isEmpty()) return "No intents are waiting for approval.";
        StringBuilder b = new StringBuilder("Waiting for approval:\n");
        for (PendingIntent p : pending) {
            b.append('#').append(p.intentId()).append(' ').append(p.side()).append(' ').append(p.quantity()).append(' ')
                    .append(p.symbol()).append(" @ ").append(money(p.signalPrice())).append(", expires ")
                    .append(time(p.expiresAt())).append('\n');
        }
        b.append("Answer with the buttons, or /approve <id> / /reject <id>.");
        return cut(b.toString(), MAX_TEXT);
    }

    static final String HELP = String.join("\n",
            "Commands:",
            "/status: mode, paused or not, last scan, pending intents",
            "/positions: open positions",
            "/pnl [today|week|all]: profit and loss (default today)",
            "/signals: the latest signals and what the rules did",
            "/pending: intents waiting for approval",
            "/approve <id>, /reject <id>: decide an intent (same as the buttons)",
            "/pause: no new entries until /resume",
            "/resume: allow new entries again",
            "/flatten: cancel every order and close every position at market (asks to confirm)",
            "/close SYMBOL: cancel that symbol's orders and close its position at market (asks to confirm)",
            "/trades: the latest closed trades with their P&L",
            "/profit: realised P&L today, this week and in all",
            "/daily: realised P&L per day",
            "/performance: closed trades per symbol",
            "/reload: compile the rules now; says the version or why it was refused",
            "/help: this list");

    static String who(String actor) {
        return actor == null ? "?" : actor;
    }

    static String money(double v) {
        if (Double.isNaN(v)) return "?";
        return String.format(Locale.US, "%,.2f", v);
    }

    private static double change(double from, double to) {
        return from == 0 || Double.isNaN(from) || Double.isNaN(to) ? Double.NaN : (to / from - 1) * 100;
    }

    private static String pct(double v, int decimals, boolean signed) {
        if (Double.isNaN(v)) return "?";
        return String.format(Locale.US, "%" + (signed ? "+" : "") + "." + decimals + "f%%", v);
    }

    static String cut(String s, int max) {
        if (s.length() <= max) return s;
        return s.substring(0, max - 1) + "…";
    }
}
