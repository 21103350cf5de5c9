package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.telegram.TelegramSettings;
import autotrader.telegram.TelegramSetup;
import org.telegram.telegrambots.meta.api.objects.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Calls getMe with the configured token: exit 0 and the bot's name when it works, 1 with the reason when not. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the bot token (getMe) and show the allowed chats; exit 1 when Telegram refuses or cannot be reached.")
public class TelegramCheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AppConfig c = config.load().config();
        AppConfig.Telegram t = c.telegram;
        TelegramSetup setup = new TelegramSetup(settings(c));
        try {
            User me = setup.me();
            out.printf("ok: bot @%s (%s, id %d) at %s%n", me.getUserName(), me.getFirstName(), me.getId(), t.apiUrl);
            out.printf("telegram.enabled: %s; allowed chats: %s%n", t.enabled, t.allowedChatIds.isEmpty() ? "none (run `telegram chats`)" : t.allowedChatIds);
            out.flush();
            return 0;
        } catch (TelegramSetup.SetupException e) {
            out.println("failed: " + e.getMessage());
            out.flush();
            return 1;
        }
    }

    /** Settings for the setup tools: the token must be resolved even while telegram.enabled is false. */
    static TelegramSettings settings(AppConfig c) {
        AppConfig.Telegram t = c.telegram;
        if (t.botToken == null || !t.botToken.isResolved()) {
            throw new BadInputException("telegram.bot_token is not available: set the environment variable or file its reference names ("
                    + (t.botToken == null ? "none" : t.botToken.reference()) + ")");
        }
        return TelegramSettings.from(c);
    }
}
