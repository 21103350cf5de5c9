package autotrader.telegram;

import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.Approvals;
import autotrader.approvals.TraderCommands;
import autotrader.store.Store;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Handles the updates long polling delivers, one at a time on one thread: button presses and
 * commands from the allowed chats; anything else is ignored and audited. Every callback query is
 * answered exactly once; a callback query or update seen before (delivered twice) is skipped, so one
 * press never calls {@link Approvals#approve} twice. Approve is never retried: an error is reported.
 */
final class UpdateHandler {

    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);

    private final Set<Long> allowedChats;
    private final Approvals approvals;
    private final TraderCommands commands;
    private final Store store;
    private final Outbox outbox;
    private final ApprovalMessages messages;
    private final ControlCommands control;
    private final Seen seen = new Seen(4096);

    UpdateHandler(Set<Long> allowedChats, Approvals approvals, TraderCommands commands, Store store, Outbox outbox, ApprovalMessages messages,
                  Clock clock) {
        this.control = new ControlCommands(commands, outbox, clock, (actor, action) -> audit(actor, action, null));
        this.allowedChats = allowedChats;
        this.approvals = approvals;
        this.commands = commands;
        this.store = store;
        this.outbox = outbox;
        this.messages = messages;
    }

    void handle(Update u) {
        if (u == null) return;
        if (u.getUpdateId() != null && !seen.first("u:" + u.getUpdateId())) {
            log.debug("telegram: update {} delivered again; skipped", u.getUpdateId());
            return;
        }
        if (u.hasCallbackQuery()) {
            onPress(u.getCallbackQuery());
        } else if (u.hasMessage()) {
            onMessage(u.getMessage());
        }
    }

    // ---- button presses

    private void onPress(CallbackQuery q) {
        if (q.getId() != null && !seen.first("q:" + q.getId())) {
            log.info("telegram: callback query {} delivered again; skipped (it was answered the first time)", q.getId());
            return;
        }
        MaybeInaccessibleMessage m = q.getMessage();
        Long chat = m == null ? null : m.getChatId();
        String data = q.getData() == null ? "" : q.getData();
        if (chat == null || !allowedChats.contains(chat)) {
            long who = chat != null ? chat : q.getFrom() == null ? 0 : q.getFrom().getId();
            audit("telegram:" + who, "telegram.denied", "button '" + clip(data) + "' from a chat not in telegram.allowed_chat_ids"
                    + describe(q.getFrom()));
            log.warn("telegram: button press from chat {} ignored: not in telegram.allowed_chat_ids", who);
            answer(q, "Not allowed.");
            return;
        }
        String actor = actor(chat, q.getFrom());
        if (data.startsWith(ControlCommands.CONFIRM)) {
            try {
                answer(q, control.press(chat, actor, m.getMessageId(), data));
            } catch (RuntimeException e) {
                log.error("telegram: confirmed command from {} failed", actor, e);
                answer(q, "Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            return;
        }
        Long id = parseId(data.startsWith(ApprovalMessages.APPROVE) ? data.substring(2) : data.startsWith(ApprovalMessages.REJECT) ? data.substring(2) : null);
        if (id == null) {
            answer(q, "Unknown button.");
            return;
        }
        boolean approve = data.startsWith(ApprovalMessages.APPROVE);
        ApprovalOutcome outcome;
        try {
            outcome = approve ? approvals.approve(id, actor) : approvals.reject(id, actor);
        } catch (RuntimeException e) {
            // Not retried: the approval service decides whether anything happened; pressing again is safe.
            log.error("telegram: {} of intent #{} by {} failed", approve ? "approval" : "rejection", id, actor, e);
            audit(actor, approve ? "telegram.approve" : "telegram.reject", "intent " + id + ": error " + e);
            answer(q, "Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()) + " (nothing retried)");
            return;
        }
        answer(q, TelegramTexts.answer(outcome));
        audit(actor, approve ? "telegram.approve" : "telegram.reject", "intent " + id + ": " + outcome.kind()
                + (outcome.reason() == null ? "" : " " + outcome.reason())
                + (outcome.brokerOrderId() == null ? "" : " order " + outcome.brokerOrderId()));
        String text = m instanceof Message msg ? msg.getText() : null;
        messages.close(outcome, new ApprovalMessages.Pressed(chat, m.getMessageId(), text));
    }

    private void answer(CallbackQuery q, String text) {
        if (q.getId() == null) return;
        AnswerCallbackQuery a = AnswerCallbackQuery.builder().callbackQueryId(q.getId()).text(TelegramTexts.cut(text, TelegramTexts.MAX_ANSWER)).build();
        outbox.call("answer to a button press", a, Outbox.Retry.QUICK);
    }

    // ---- messages and commands

    private void onMessage(Message msg) {
        Long chat = msg.getChatId();
        String text = msg.getText() == null ? "" : msg.getText().trim();
        if (chat == null || !allowedChats.contains(chat)) {
            long who = chat == null ? 0 : chat;
            audit("telegram:" + who, "telegram.denied", "message '" + clip(text) + "' from a chat not in telegram.allowed_chat_ids"
                    + describe(msg.getFrom()));
            log.warn("telegram: message from chat {} ignored: not in telegram.allowed_chat_ids", who);
            return;
        }
        if (!text.startsWith("/")) {
            reply(chat, "Send /help for the commands.");
            return;
        }
        String[] parts = text.split("\\s+");
        String cmd = parts[0].toLowerCase(Locale.ROOT);
        int at = cmd.indexOf('@');
        if (at > 0) cmd = cmd.substring(0, at);
        String arg = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : null;
        String actor = actor(chat, msg.getFrom());
        try {
            String answer = command(chat, actor, cmd, arg);
            if (answer == null) answer = control.command(chat, actor, cmd, parts.length > 1 ? parts[1] : null);
            if (answer == null) answer = "Unknown command " + cmd + ". /help lists the commands.";
            // Empty: the command sent its own message (a confirmation question with its button).
            if (!answer.isEmpty()) reply(chat, answer);
        } catch (RuntimeException e) {
            log.error("telegram: command {} from {} failed", cmd, actor, e);
            reply(chat, "Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private String command(long chat, String actor, String cmd, String arg) {
        switch (cmd) {
            case "/start":
            case "/help":
                return TelegramTexts.HELP;
            case "/status":
                return commands.status();
            case "/positions":
                return commands.positions();
            case "/pnl": {
                TraderCommands.PnlPeriod period = arg == null ? TraderCommands.PnlPeriod.TODAY : switch (arg) {
                    case "today", "day" -> TraderCommands.PnlPeriod.TODAY;
                    case "week" -> TraderCommands.PnlPeriod.WEEK;
                    case "all" -> TraderCommands.PnlPeriod.ALL;
                    default -> null;
                };
                return period == null ? "Usage: /pnl [today|week|all]" : commands.pnl(period);
            }
            case "/signals":
                return commands.signals();
            case "/pending":
                return TelegramTexts.pendingList(approvals.pending());
            case "/pause":
                audit(actor, "telegram.pause", null);
                return commands.pause(actor);
            case "/resume":
                audit(actor, "telegram.resume", null);
                return commands.resume(actor);
            case "/approve":
            case "/reject": {
                Long id = parseId(arg);
                if (id == null) return "Usage: " + cmd + " <intent id>, e.g. " + cmd + " 12 (/pending lists them)";
                boolean approve = cmd.equals("/approve");
                ApprovalOutcome o = approve ? approvals.approve(id, actor) : approvals.reject(id, actor);
                audit(actor, approve ? "telegram.approve" : "telegram.reject", "intent " + id + " (command): " + o.kind()
                        + (o.reason() == null ? "" : " " + o.reason())
                        + (o.brokerOrderId() == null ? "" : " order " + o.brokerOrderId()));
                messages.close(o, null);
                return "Intent #" + id + ": " + TelegramTexts.outcomeLine(o);
            }
            default:
                return null;    // perhaps a control command (ControlCommands)
        }
    }

    private void reply(long chat, String text) {
        String t = text == null || text.isBlank() ? "(nothing)" : TelegramTexts.cut(text, TelegramTexts.MAX_TEXT);
        outbox.submit("reply to chat " + chat, () ->
                outbox.call("reply to chat " + chat, SendMessage.builder().chatId(chat).text(t).build(), Outbox.Retry.NORMAL));
    }

    // ---- helpers

    static String actor(long chat, User from) {
        if (from == null || from.getId() == null || from.getId() == chat) return "telegram:" + chat;
        return "telegram:" + chat + "/" + from.getId();
    }

    private static String describe(User u) {
        if (u == null) return "";
        return " (user " + u.getId() + (u.getUserName() == null ? "" : " @" + u.getUserName()) + ")";
    }

    static Long parseId(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) return null;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return null;
        long v = Long.parseLong(s);
        return v > 0 ? v : null;
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 100) + "…";
    }

    private void audit(String actor, String action, String detail) {
        try {
            store.audit(actor, action, detail);
        } catch (RuntimeException e) {
            log.error("telegram: could not write the audit log ({} {} {})", actor, action, detail, e);
        }
    }

    /** A bounded set of ids already handled (oldest forgotten first). */
    private static final class Seen {
        private final Map<String, Boolean> ids;

        Seen(int max) {
            this.ids = new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
                    return size() > max;
                }
            };
        }

        synchronized boolean first(String id) {
            return ids.put(id, Boolean.TRUE) == null;
        }
    }
}
