package autotrader.app;

import autotrader.telegram.TelegramSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Lists the chats that wrote to the bot lately, to find the id for telegram.allowed_chat_ids. */
@Command(name = "chats", mixinStandardHelpOptions = true,
        description = "List the chats that sent the bot a message in the last 24 hours (send it /start first), with their ids "
                + "for telegram.allowed_chat_ids. Reads without consuming; stop the daemon first (one poller per token).")
public class TelegramChatsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TelegramSetup setup = new TelegramSetup(TelegramCheckCommand.settings(config.load().config()));
        try {
            List<TelegramSetup.SeenChat> chats = setup.recentChats();
            if (chats.isEmpty()) {
                out.println("no messages: send your bot /start from the Telegram account (or group) that should approve trades, then run this again");
            } else {
                out.println("chat id          type        name / last message");
                for (TelegramSetup.SeenChat c : chats) {
                    out.printf("%-16d %-11s %s: %s%n", c.chatId(), c.type(), c.name(), c.lastText() == null ? "" : c.lastText());
                }
                out.println("put the ids that may approve trades into telegram.allowed_chat_ids, e.g. allowed_chat_ids: ["
                        + chats.get(0).chatId() + "]");
            }
            out.flush();
            return 0;
        } catch (TelegramSetup.SetupException e) {
            out.println("failed: " + e.getMessage());
            out.flush();
            return 1;
        }
    }
}
