package autotrader.telegram;

import autotrader.approvals.TraderCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import java.util.regex.Pattern;
/**
 * The trader's control commands beyond approvals: /flatten and /close need a second step, a
 * "Confirm" button that only the chat that asked can press and that expires after {@link #CONFIRM_FOR},
 * so a typo or a message read later cannot close positions. The read-outs (/trades, /profit, /daily,
 * /performance) and /reload answer at once. The allowed-chat check is the caller's ({@link UpdateHandler}).
 */
final class ControlCommands {

    static final Duration CONFIRM_FOR = Duration.ofSeconds(60);
    /** Callback data prefix of a confirmation button: {@code c:<id>}. */
    static final String CONFIRM = "c:";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,11}");

    /** A destructive command waiting for its confirmation. {@code symbol} is null for flatten. */
    private record Pending(long chat, String symbol, Instant expires) {
        String what() {
            return symbol == null ? "flatten" : "close " + symbol;
        }
    }

    private final TraderCommands commands;
    private final Outbox outbox;
    private final Clock clock;
    private final BiConsumer<String, String> audit;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xFFFFFF);

    ControlCommands(TraderCommands commands, Outbox outbox, Clock clock, BiConsumer<String, String> audit) {
        this.commands = commands;
        this.outbox = outbox;
        this.clock = clock;
        this.audit = audit;
    }

    /** The answer to a control command, "" when it sent its own message (a question to confirm), null when {@code cmd} is not one of these. */
    String command(long chat, String actor, String cmd, String rawArg) {
        return switch (cmd) {
            case "/flatten" -> offer(chat, actor, null, "Flatten: pause entries, cancel every open order and close every position at market?");
            case "/close" -> close(chat, actor, rawArg);
            case "/trades" -> commands.trades(10);
            case "/profit" -> commands.profit();
            case "/daily" -> commands.daily(7);
            case "/performance" -> commands.performance();
            case "/reload" -> {
                audit.accept(actor, "telegram.reload");
                yield commands.reloadRules(actor);
            }
            default -> null;
        };
    }

    private String close(long chat, String actor, String rawArg) {
        String symbol = rawArg == null ? null : rawArg.toUpperCase(Locale.ROOT);
        if (symbol == null || !SYMBOL.matcher(symbol).matches()) return "Usage: /close SYMBOL, e.g. /close AAPL (/positions lists them)";
        long qty = commands.positionQuantity(symbol);
        if (qty == 0) return "No open position in " + symbol + ".";
        return offer(chat, actor, symbol, "Close " + symbol + ": cancel its stop and take-profit orders and "
                + (qty > 0 ? "sell " : "buy back ") + Math.abs(qty) + " at market?");
    }

    /** Sends the question with its Confirm button; the command's own reply is empty (the question is the reply). */
    private String offer(long chat, String actor, String symbol, String question) {
        long id = ids.incrementAndGet();
        Pending p = new Pending(chat, symbol, clock.instant().plus(CONFIRM_FOR));
        pending.put(id, p);
        pending.values().removeIf(x -> x.expires().isBefore(clock.instant().minus(CONFIRM_FOR)));  // forget long-dead offers
        String label = symbol == null ? "Confirm flatten" : "Confirm close " + symbol;
        SendMessage m = SendMessage.builder().chatId(chat).text(question + "\nPress within " + CONFIRM_FOR.toSeconds() + " s.")
                .replyMarkup(InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                        InlineKeyboardButton.builder().text(label).callbackData(CONFIRM + id).build())).build()).build();
        outbox.submit("confirmation of " + p.what() + " to chat " + chat, () -> outbox.call("confirmation to chat " + chat, m, Outbox.Retry.NORMAL));
        audit.accept(actor, "telegram." + (symbol == null ? "flatten" : "close") + ".asked");
        return "";
    }

    /**
     * A press on a Confirm button from an allowed chat: runs the command when the same chat asked
     * and the offer is still open, once. Returns the toast text; the result is sent as a reply.
     */
    String press(long chat, String actor, int messageId, String data) {
        Long id = UpdateHandler.parseId(data.substring(CONFIRM.length()));
        Pending p = id == null ? null : pending.get(id);
        if (p == null) return "Nothing to confirm (already done or expired).";
        if (p.chat() != chat) {
            audit.accept(actor, "telegram.confirm.denied");
            return "Only the chat that asked can confirm.";
        }
        if (!pending.remove(id, p)) return "Nothing to confirm (already done).";
        if (clock.instant().isAfter(p.expires())) {
            edit(chat, messageId, "Expired: not confirmed within " + CONFIRM_FOR.toSeconds() + " s. Send /" + p.what() + " again.");
            return "Expired: send the command again.";
        }
        audit.accept(actor, "telegram." + (p.symbol() == null ? "flatten" : "close"));
        String result = p.symbol() == null ? commands.flatten(actor) : commands.close(p.symbol(), actor);
        edit(chat, messageId, "Confirmed by " + actor + ": " + p.what() + "\n" + result);
        return "Done: " + p.what();
    }

    private void edit(long chat, int messageId, String text) {
        EditMessageText e = EditMessageText.builder().chatId(chat).messageId(messageId).text(TelegramTexts.cut(text, TelegramTexts.MAX_TEXT))
                .replyMarkup(ApprovalMessages.noButtons()).build();
        outbox.submit("edit of a confirmation in chat " + chat, () -> outbox.call("edit of a confirmation in chat " + chat, e, Outbox.Retry.NORMAL));
    }
}
