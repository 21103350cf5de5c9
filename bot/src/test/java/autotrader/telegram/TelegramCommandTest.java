package autotrader.telegram;

import autotrader.app.TelegramCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/** `telegram check` and `telegram chats` (app.TelegramCommand) against the fake Bot API server. */
class TelegramCommandTest {

    @TempDir
    Path dir;

    FakeTelegram tg;

    @BeforeEach
    void start() throws Exception {
        tg = new FakeTelegram();
    }

    @AfterEach
    void stop() {
        tg.close();
    }

    private Path config(String token) throws Exception {
        Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(dir.resolve("strategies/momentum.yaml"), "name: momentum\n");
        Path secret = dir.resolve("token");
        Files.writeString(secret, token + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, "telegram:\n  api_url: http://127.0.0.1:" + tg.port() + "\n  bot_token: ${file:" + secret + "}\n");
        return f;
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TelegramCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return new Run(cli.execute(args), out.toString());
    }

    @Test
    void checkShowsTheBot() throws Exception {
        Run r = run("check", "--config", config(FakeTelegram.TOKEN).toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("ok: bot @test_trade_bot"), r.out());
        assertTrue(r.out().contains("allowed chats: none"), r.out());
    }

    @Test
    void checkWithAWrongTokenFailsWithoutPrintingIt() throws Exception {
        Run r = run("check", "--config", config("999:WRONG-secret").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("refused the bot token"), r.out());
        assertFalse(r.out().contains("WRONG-secret"), r.out());
    }

    @Test
    void chatsListsWhoWroteToTheBotWithoutConsumingIt() throws Exception {
        tg.sendText(111222333L, 111222333L, "/start");
        Run r = run("chats", "--config", config(FakeTelegram.TOKEN).toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("111222333") && r.out().contains("private") && r.out().contains("/start"), r.out());
        assertFalse(tg.calls("getupdates").get(0).body().has("offset"), "no offset: nothing is confirmed");
    }
}
