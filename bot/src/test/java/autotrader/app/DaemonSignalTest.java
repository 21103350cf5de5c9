package autotrader.app;

import autotrader.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** `run` in a real second JVM stopped by SIGTERM, as systemd or docker stop would: a clean stop, exit code 0. */
@Timeout(180)
class DaemonSignalTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheDaemonCleanlyWithExitCode0() throws Exception {
        Path cfg = TradingDayConfig.scanning(dir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m", "-Dautotrader.log.dir=" + dir.resolve("logs"),
                Main.class.getName(), "run", "--config", cfg.toString(), "--start", "2024-06-12", "--speed", "60"));
        Process daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!log().contains("first cycle at") && System.nanoTime() < deadline) {
                assertTrue(daemon.isAlive(), () -> "the daemon ended early:\n" + log());
                Thread.sleep(200);
            }
            assertTrue(log().contains("first cycle at"), log());
            daemon.destroy();   // SIGTERM on Linux
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "stopped within a minute");
            assertEquals(0, daemon.exitValue(), log());
            assertTrue(log().contains("autotrader stopped"), log());
        } finally {
            daemon.destroyForcibly();
        }
        Store store = Store.open(dir.resolve("state/test.db"), 2000);
        List<String> actions = store.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE actor = 'daemon' ORDER BY id")
                .mapTo(String.class).list());
        assertEquals(List.of("start", "stop"), actions);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("daemon.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
