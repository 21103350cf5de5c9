package autotrader.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The command line as a person uses it: exit codes, help and messages. */
class MainTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String cmd : new String[]{"run", "status", "scan", "bench"}) assertTrue(r.out().contains(cmd), r.out());
        Run scanHelp = run("scan", "--help");
        assertEquals(0, scanHelp.code());
        assertTrue(scanHelp.out().contains("--as-of") && scanHelp.out().contains("--config"), scanHelp.out());
    }

    @Test
    void aBadConfigStopsWithExitCode2AndNamesTheKey() throws IOException {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "mode: paper\nmarket:\n  source: sim\n  seeed: 1\n");
        Run r = run("status", "--config", cfg.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("market.seeed") && r.err().contains("line 4"), r.err());
    }

    @Test
    void aMissingConfigFileIsExitCode2() {
        Run r = run("status", "--config", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.yaml") && r.err().contains("not found"), r.err());
    }

    @Test
    void aBadArgumentIsExitCode2() {
        assertEquals(2, run("scan", "--frobnicate").code());
    }
}
