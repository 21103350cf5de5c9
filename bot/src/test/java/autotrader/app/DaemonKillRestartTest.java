package autotrader.app;

import autotrader.store.Store;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole daemon in a second JVM, killed with SIGKILL in the middle of a simulated trading day
 * while it trades, then restarted with --resume on the same state database: the restart reconciles
 * first, continues the day from where the killed one was, and at the end nothing is lost or doubled:
 * one entry order per intent, no approval half done, no order in an unknown state, every filled entry
 * protected, and the books agree (cash from the fill ledger = broker cash; positions = net fills;
 * equity = cash + positions at the last price).
 */
@Timeout(300)
class DaemonKillRestartTest {

    @TempDir
    Path dir;

    @Test
    void aKillNineMidDayThenAResumeLosesNothingAndDuplicatesNothing() throws Exception {
        Path cfg = TradingDayConfig.write(dir);
        Path db = dir.resolve("state/test.db");

        Process daemon = startDaemon(cfg, "--start", "2024-10-21", "--days", "1", "--speed", "600");
        Instant killedAt;
        try {
            waitForFilledEntries(daemon, db, 1);
        } finally {
            daemon.destroyForcibly();   // SIGKILL: no shutdown hook, no clean stop
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        }
        Store store = Store.open(db, 5000);
        var beat = store.jobs().heartbeat().orElseThrow();
        killedAt = beat.marketTime();
        assertNull(beat.stoppedAt(), "a killed daemon leaves no clean stop behind");
        int intentsBefore = count(store.jdbi(), "SELECT count(*) FROM intents");
        int decisionTimesBefore = count(store.jdbi(), "SELECT count(DISTINCT as_of) FROM decisions");
        assertTrue(intentsBefore > 0, "the killed daemon had made intents");

        MainTest.Run status = MainTest.run("status", "--config", cfg.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("NOT RUNNING"), "status says the daemon died:\n" + status.out());

        MainTest.Run restart = MainTest.run("run", "--config", cfg.toString(), "--resume", "--days", "1", "--speed", "600");
        assertEquals(0, restart.code(), restart.err());

        Jdbi j = store.jdbi();
        assertNotNull(store.jobs().heartbeat().orElseThrow().stoppedAt(), "the restarted daemon stopped cleanly");
        // It continued the day: cycles after the kill, none of the killed run's cycle times decided again.
        assertTrue(count(j, "SELECT count(DISTINCT as_of) FROM decisions") > decisionTimesBefore, "the restart ran more cycles");
        assertEquals(0, count(j, "SELECT count(*) FROM (SELECT as_of, symbol FROM decisions GROUP BY as_of, symbol HAVING count(*) > 1)"),
                "no cycle time decided twice");
        String firstAfter = j.withHandle(h -> h.createQuery("SELECT min(as_of) FROM decisions WHERE id > (SELECT max(id) FROM decisions WHERE as_of <= ?)")
                .bind(0, killedAt.toString()).mapTo(String.class).findOne().orElse(null));
        if (firstAfter != null) assertFalse(Instant.parse(firstAfter).isBefore(killedAt), "the restart did not go back in market time");

        assertEquals(0, count(j, "SELECT count(*) FROM (SELECT intent_ref FROM orders WHERE role = 'ENTRY' GROUP BY intent_ref HAVING count(*) > 1)"),
                "one entry order per intent");
        assertEquals(0, count(j, "SELECT count(*) FROM intents WHERE status = 'APPROVED' AND outcome IS NULL"), "no approval left half done");
        assertEquals(0, count(j, "SELECT count(*) FROM orders WHERE state IN ('APPROVED', 'SUBMITTING', 'UNKNOWN')"),
                "no order left unsent or unknown after reconciliation");
        assertEquals(0, count(j, """
                SELECT count(*) FROM orders e WHERE e.role = 'ENTRY' AND e.state = 'FILLED'
                  AND NOT EXISTS (SELECT 1 FROM orders s WHERE s.parent_id = e.id AND s.role IN ('STOP_LOSS', 'TRAILING_STOP'))"""),
                "every filled entry has its stop");
        assertEquals(0, count(j, "SELECT count(*) FROM (SELECT exec_id FROM fills GROUP BY account, exec_id HAVING count(*) > 1)"),
                "no fill recorded twice");
        Books.assertConsistent(cfg, store);
    }

    private Process startDaemon(Path cfg, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", "-Dautotrader.log.dir=" + dir.resolve("logs"),
                Main.class.getName(), "run", "--config", cfg.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** Polls the daemon's database (another process's WAL file) until it has filled some entries. */
    private void waitForFilledEntries(Process daemon, Path db, int wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            assertTrue(daemon.isAlive(), () -> "the daemon ended before it traded:\n" + log());
            if (Files.exists(db)) {
                try {
                    Store store = Store.open(db, 5000);
                    if (count(store.jdbi(), "SELECT count(*) FROM orders WHERE role = 'ENTRY' AND state = 'FILLED'") >= wanted) return;
                } catch (RuntimeException e) {
                    // the daemon may still be creating the schema
                }
            }
            Thread.sleep(250);
        }
        fail("no filled entries within 180 s:\n" + log());
    }

    private String log() {
        try {
            String s = Files.readString(dir.resolve("daemon.log"));
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static int count(Jdbi j, String sql) {
        return j.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
