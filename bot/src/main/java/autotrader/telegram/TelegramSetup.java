package autotrader.telegram;

import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Setting-up helpers for the {@code telegram} command: is the token good (getMe), and which chats
 * have written to the bot lately (getUpdates without an offset: nothing is confirmed or consumed,
 * the daemon still gets those updates later). Not used by the daemon.
 */
public final class TelegramSetup {

    /** A chat that wrote to the bot: its id is what goes into telegram.allowed_chat_ids. */
    public record SeenChat(long chatId, String type, String name, String lastText, Instant at) {
    }

    /** A Telegram problem in words (401: bad token; 409: the daemon is polling or a webhook is set). */
    public static final class SetupException extends Exception {
        public SetupException(String message) {
            super(message);
        }
    }

    private final TelegramClient client;

    public TelegramSetup(TelegramSettings settings) {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(20))
                .retryOnConnectionFailure(false).build();
        this.client = new OkHttpTelegramClient(http, settings.token(), settings.url());
    }

    /** The bot's own user (proves the token works). */
    public User me() throws SetupException {
        try {
            return client.execute(new GetMe());
        } catch (TelegramApiException e) {
            throw explain("getMe", e);
        }
    }

    /** The chats in the updates Telegram holds for the bot (up to 24 hours old), latest message each. */
    public List<SeenChat> recentChats() throws SetupException {
        List<Update> updates;
        try {
            updates = client.execute(GetUpdates.builder().limit(100).timeout(0).allowedUpdates(List.of("message", "callback_query")).build());
        } catch (TelegramApiException e) {
            throw explain("getUpdates", e);
        }
        Map<Long, SeenChat> byChat = new LinkedHashMap<>();
        for (Update u : updates) {
            Message m = u.hasMessage() ? u.getMessage() : null;
            if (m == null || m.getChat() == null) continue;
            Chat c = m.getChat();
            String name = c.getTitle() != null ? c.getTitle()
                    : ((c.getFirstName() == null ? "" : c.getFirstName()) + (c.getUserName() == null ? "" : " @" + c.getUserName())).trim();
            Instant at = m.getDate() == null ? null : Instant.ofEpochSecond(m.getDate());
            byChat.put(c.getId(), new SeenChat(c.getId(), c.getType(), name, m.getText(), at));
        }
        return new ArrayList<>(byChat.values());
    }

    private static SetupException explain(String method, TelegramApiException e) {
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
            return switch (r.getErrorCode()) {
                case 401, 404 -> new SetupException("Telegram refused the bot token (" + r.getErrorCode() + " " + r.getApiResponse()
                        + "): check telegram.bot_token; get a token from @BotFather");
                case 409 -> new SetupException("Telegram answered 409 Conflict to " + method + ": the daemon (or another program) "
                        + "is polling with this token, or a webhook is set. Stop it and try again.");
                default -> new SetupException(method + " failed: " + r.getErrorCode() + " " + r.getApiResponse());
            };
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return new SetupException("Telegram cannot be reached (" + method + "): " + root.getMessage());
    }
}
