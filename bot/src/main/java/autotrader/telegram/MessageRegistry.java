package autotrader.telegram;

import autotrader.store.Store;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which Telegram message shows which intent in which chat (table {@code telegram_messages}), so the
 * buttons can be replaced with the outcome later, also after a restart. Thread-safe (SQLite does the
 * locking).
 */
public final class MessageRegistry {

    /** One approval message: where it is, what it said, and the outcome text once it was closed. */
    public record Entry(long intentId, long chatId, int messageId, String text, Instant sentAt, String closedText) {
        public boolean isClosed() {
            return closedText != null;
        }
    }

    private final Jdbi jdbi;

    public MessageRegistry(Store store) {
        this.jdbi = store.jdbi();
    }

    /** Records a sent message (every copy counts: a send that was repeated after a lost reply is closed too). */
    public void record(long intentId, long chatId, int messageId, String text, Instant sentAt) {
        jdbi.useHandle(h -> h.createUpdate("INSERT OR REPLACE INTO telegram_messages(intent_id, chat_id, message_id, text, sent_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .bind(0, intentId).bind(1, chatId).bind(2, messageId).bind(3, text).bind(4, sentAt.toString()).execute());
    }

    public List<Entry> messages(long intentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT intent_id, chat_id, message_id, text, sent_at, closed_text "
                        + "FROM telegram_messages WHERE intent_id = ? ORDER BY chat_id, message_id")
                .bind(0, intentId)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        Instant.parse(rs.getString(5)), rs.getString(6)))
                .list());
    }

    public Optional<Entry> message(long chatId, int messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT intent_id, chat_id, message_id, text, sent_at, closed_text "
                        + "FROM telegram_messages WHERE chat_id = ? AND message_id = ?")
                .bind(0, chatId).bind(1, messageId)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        Instant.parse(rs.getString(5)), rs.getString(6)))
                .findOne());
    }

    /** Marks every message of the intent closed with this outcome text (the buttons are being replaced by it). */
    public void close(long intentId, String closedText, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE telegram_messages SET closed_text = ?, closed_at = ? WHERE intent_id = ?")
                .bind(0, closedText).bind(1, at.toString()).bind(2, intentId).execute());
    }

    /** The outcome text an intent's messages were closed with, if any was. */
    public Optional<String> closedText(long intentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT closed_text FROM telegram_messages WHERE intent_id = ? "
                        + "AND closed_text IS NOT NULL LIMIT 1")
                .bind(0, intentId).mapTo(String.class).findOne());
    }
}
