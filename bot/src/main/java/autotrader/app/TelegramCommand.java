package autotrader.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `autotrader telegram check|chats`: setting up the Telegram bot. */
@Command(name = "telegram", mixinStandardHelpOptions = true,
        description = "Set up the Telegram bot: check the token, find your chat id (docs/telegram.md).",
        subcommands = {TelegramCheckCommand.class, TelegramChatsCommand.class})
public class TelegramCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check or chats");
    }
}
