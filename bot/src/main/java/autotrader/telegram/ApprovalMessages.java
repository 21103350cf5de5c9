package autotrader.telegram;

import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.PendingIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * The approval messages: sends an intent to every allowed chat with Approve/Reject buttons and records
 * where each went; replaces the buttons with the outcome once the intent is settled. All of it runs
 * on the outbox thread, in order, so an outcome for an intent is always handled after its sends.
 */
final class ApprovalMessages {

    private static final Logger log = LoggerFactory.getLogger(ApprovalMessages.class);

    static final String APPROVE = "a:";
    static final String REJECT = "r:";

    /** The message a button was pressed on, to edit even if the registry does not know it. */
    record Pressed(long chatId, int messageId, String text) {
    }

    private final TelegramSettings settings;
    private final Outbox outbox;
    private final MessageRegistry registry;
    private final Clock clock;
    /** The model's out-of-sample record at a confidence, for the line beside each trade; null until the daemon connects it. */
    private volatile DoubleFunction<String> evidence;

    ApprovalMessages(TelegramSettings settings, Outbox outbox, MessageRegistry registry, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.registry = registry;
        this.clock = clock;
    }

    static InlineKeyboardMarkup buttons(long intentId) {
        return InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Approve").callbackData(APPROVE + intentId).build(),
                InlineKeyboardButton.builder().text("Reject").callbackData(REJECT + intentId).build())).build();
    }

    static InlineKeyboardMarkup noButtons() {
        return InlineKeyboardMarkup.builder().keyboard(List.of()).build();
    }

    void evidenceFrom(DoubleFunction<String> evidence) {
        this.evidence = evidence;
    }

    /** Queues the sends; never throws. */
    void offer(PendingIntent intent) {
        String text = TelegramTexts.proposal(intent, settings.maxPriceDriftPct(), evidenceAt(intent.confidence()));
        boolean queued = outbox.submit("approval message for intent #" + intent.intentId(), () -> {
            for (long chat : settings.allowedChats()) sendProposal(intent.intentId(), chat, text);
        });
        if (!queued) {
            log.error("telegram: intent #{} ({} {} {}) could not be shown; it stays pending until it expires (/pending lists it)",
                    intent.intentId(), intent.side(), intent.quantity(), intent.symbol());
        }
    }

    /** The evidence line's text; a failure to compute it costs the line, never the approval message. */
    private String evidenceAt(double confidence) {
        DoubleFunction<String> e = evidence;
        if (e == null) return null;
        try {
            return e.apply(confidence);
        } catch (RuntimeException ex) {
            log.warn("telegram: no out-of-sample evidence for the approval message: {}", ex.toString());
            return "unavailable (" + ex.getMessage() + ")";
        }
    }

    private void sendProposal(long intentId, long chat, String text) {
        Optional<String> closedAlready = registry.closedText(intentId);
        if (closedAlready.isPresent()) {
            log.info("telegram: intent #{} was settled before its message reached chat {}; not sent", intentId, chat);
            return;
        }
        SendMessage send = SendMessage.builder().chatId(chat).text(text).replyMarkup(buttons(intentId)).build();
        Optional<Message> sent = outbox.call("approval message for intent #" + intentId + " to chat " + chat, send, Outbox.Retry.NORMAL);
        sent.ifPresent(m -> registry.record(intentId, chat, m.getMessageId(), text, clock.instant()));
    }

    /**
     * Queues replacing the buttons of every message of the intent with the outcome; a non-final
     * outcome (PAUSED) changes nothing. {@code pressed} (may be null) is edited too, also when the
     * registry does not know it (sent before a lost database).
     */
    void close(ApprovalOutcome outcome, Pressed pressed) {
        if (!outcome.isFinal()) return;
        outbox.submit("closing the messages of intent #" + outcome.intentId(), () -> closeNow(outcome, pressed));
    }

    private void closeNow(ApprovalOutcome outcome, Pressed pressed) {
        long id = outcome.intentId();
        // A later ALREADY_DECIDED (a second press) only re-applies the recorded text; any other outcome is news
        // about the same decision (the approval service corrects "sent, not confirmed" to what became of the
        // order) and replaces it.
        Optional<String> recorded = registry.closedText(id);
        String line;
        if (outcome.kind() == ApprovalOutcome.Kind.ALREADY_DECIDED && recorded.isPresent()) {
            line = recorded.get();
        } else {
            line = TelegramTexts.outcomeLine(outcome);
            if (recorded.isPresent() && recorded.get().equals(line)) return;
            registry.close(id, line, clock.instant());
        }
        Set<String> edited = new HashSet<>();
        for (MessageRegistry.Entry e : registry.messages(id)) {
            edit(id, e.chatId(), e.messageId(), TelegramTexts.closed(e.text(), line));
            edited.add(e.chatId() + ":" + e.messageId());
        }
        if (pressed != null && !edited.contains(pressed.chatId() + ":" + pressed.messageId())) {
            String base = pressed.text() == null ? "Intent #" + id : pressed.text();
            edit(id, pressed.chatId(), pressed.messageId(), TelegramTexts.closed(base, line));
        }
    }

    private void edit(long intentId, long chat, int messageId, String text) {
        EditMessageText edit = EditMessageText.builder().chatId(chat).messageId(messageId).text(text).replyMarkup(noButtons()).build();
        outbox.call("edit of the message for intent #" + intentId + " in chat " + chat, edit, Outbox.Retry.NORMAL);
    }
}
