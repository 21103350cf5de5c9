-- Telegram approval messages: for each trade intent, the messages sent to the allowed chats, so the
-- buttons can be replaced with the outcome later, also after a restart. closed_text is the text the
-- message was last edited to (the outcome); NULL while the buttons are still on it.
CREATE TABLE IF NOT EXISTS telegram_messages (
    intent_id   INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    text        TEXT NOT NULL,     -- the proposal text as sent
    sent_at     TEXT NOT NULL,     -- ISO-8601 UTC
    closed_text TEXT,
    closed_at   TEXT,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX IF NOT EXISTS telegram_messages_intent ON telegram_messages(intent_id);
