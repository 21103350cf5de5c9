package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.ConfigLoader;
import autotrader.schwab.FakeSchwab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/** The order-layer commands (registered in Main by the integrator), run through picocli as a person would. */
class OrderCommandsTest {

    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    static Run run(Object command, String stdin, String... args) {
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = new CommandLine(command).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    Path config(String extra) throws Exception {
        Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(dir.resolve("strategies/momentum.yaml"), "name: momentum\n");
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, "mode: paper\nmarket:\n  sim:\n    symbols: 3\nstate:\n  db: state/test.db\n" + extra);
        return f;
    }

    @Test
    void pauseResumeOrdersPositionsAndFlattenOnPaper() throws Exception {
        String cfg = config("").toString();
        assertEquals(0, run(new PauseCommand(), "", "--config", cfg).code());
        Run pos = run(new PositionsCommand(), "", "--config", cfg, "--json");
        assertTrue(pos.out().contains("\"paused\" : true"), pos.out());
        assertEquals(0, run(new ResumeCommand(), "", "--config", cfg).code());
        assertTrue(run(new PositionsCommand(), "", "--config", cfg, "--json").out().contains("\"paused\" : false"));
        Run orders = run(new OrdersCommand(), "", "--config", cfg, "--json");
        assertEquals(0, orders.code());
        assertEquals("[ ]", orders.out().trim());
        Run refused = run(new FlattenCommand(), "no\n", "--config", cfg);
        assertEquals(1, refused.code());
        assertTrue(refused.out().contains("not flattened"), refused.out());
        Run flat = run(new FlattenCommand(), "", "--config", cfg, "--yes");
        assertEquals(0, flat.code(), flat.out());
        assertTrue(flat.out().contains("entries paused"), flat.out());
    }

    @Test
    void positionsShowTheCashAndEquityOfTheBrokersLastBalancesAndSaySimulated() throws Exception {
        Path cfg = config("");
        Run before = run(new PositionsCommand(), "", "--config", cfg.toString());
        assertEquals(0, before.code(), before.out());
        assertTrue(before.out().contains("no broker balances recorded yet"), before.out());
        assertTrue(before.out().startsWith("positions (paper account)  *** SIMULATED market ***"), before.out());

        // The daemon's reconciliation records the broker's balances (here the paper broker's opening cash).
        AppContext ctx = new AppContext(ConfigLoader.loadFromSystem(cfg));
        ctx.trading(MarketNow.cli(ctx), Notifier.log()).reconciler().reconcile();
        String cash = new BigDecimal(ctx.config().risk.startingCash).stripTrailingZeros().toPlainString();

        Run text = run(new PositionsCommand(), "", "--config", cfg.toString());
        assertEquals(0, text.code(), text.out());
        assertTrue(text.out().matches("(?s).*cash " + cash + "(\\.0+)?, equity " + cash + "(\\.0+)? \\(broker balances at .*"), text.out());
        Run json = run(new PositionsCommand(), "", "--config", cfg.toString(), "--json");
        var o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(0, o.get("cash").decimalValue().compareTo(new BigDecimal(cash)), json.out());
        assertEquals(0, o.get("equity").decimalValue().compareTo(new BigDecimal(cash)), json.out());
        assertTrue(o.get("simulated").asBoolean(), json.out());
        assertTrue(o.has("balances_at"), json.out());
    }

    @Test
    void schwabLoginExchangesThePastedAddress() throws Exception {
        try (FakeSchwab fake = new FakeSchwab()) {
            Path key = dir.resolve("key"), secret = dir.resolve("secret");
            Files.writeString(key, FakeSchwab.APP_KEY);
            Files.writeString(secret, FakeSchwab.APP_SECRET);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            String cfg = config("schwab:\n  base_url: " + fake.baseUrl() + "\n  app_key: ${file:" + key + "}\n  app_secret: ${file:" + secret
                    + "}\n  token_file: state/tok.json\n").toString();
            Run r = run(new SchwabCommand(), "https://127.0.0.1:8182/?code=C0.b2F1dGgyLmNvZGU%40&session=x\n", "login", "--config", cfg);
            assertEquals(0, r.code(), r.out());
            assertTrue(r.out().contains("/v1/oauth/authorize?client_id="), r.out());
            assertFalse(r.out().contains(FakeSchwab.APP_SECRET));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/tok.json"))));
        }
    }
}
