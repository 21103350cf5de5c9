package autotrader.store;

import autotrader.scan.Candidate;
import autotrader.scan.Momentum;
import autotrader.scan.ScanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import static org.junit.jupiter.api.Assertions.*;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void severalOpenersOfOneNewFileAtOnceAllSucceedAndEachStepRunsOnce() throws Exception {
        // The daemon starting while `status` (or a test polling the file) opens it: both migrate.
        Path db = dir.resolve("state/race.db");
        int openers = 6;
        var pool = Executors.newFixedThreadPool(openers);
        var start = new CountDownLatch(1);
        List<Future<Store>> opened = new ArrayList<>();
        for (int i = 0; i < openers; i++) opened.add(pool.submit(() -> {
            start.await();
            return Store.open(db, 10_000);
        }));
        start.countDown();
        for (var f : opened) assertEquals(Migrations.latestVersion(), Migrations.currentVersion(f.get().jdbi()));
        pool.shutdown();
    }

    @Test
    void aNewDatabaseIsCreatedAtTheLatestVersionInWalMode() {
        Path db = dir.resolve("state/new.db");
        Store store = Store.open(db, 1000);
        assertTrue(Files.exists(db));
        assertEquals(Migrations.latestVersion(), Migrations.currentVersion(store.jdbi()));
        assertEquals("wal", store.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()));
    }

    @Test
    void anOldDatabaseIsUpgradedInPlaceKeepingItsRows() {
        Path db = dir.resolve("old.db");
        Store v1 = Store.open(db, 1000, 1);
        assertEquals(1, Migrations.currentVersion(v1.jdbi()));
        v1.jdbi().useHandle(h -> {
            h.execute("INSERT INTO scan_runs(as_of, started_at, source, simulated, universe_size, scanned, strategy) "
                    + "VALUES ('2024-06-12T15:00:00Z', '2024-06-12T15:00:01Z', 'sim', 1, 1455, 1455, 'momentum')");
            h.execute("INSERT INTO candidates(scan_run_id, rank, symbol, momentum_score) VALUES (1, 1, 'SIM0001', 88.5)");
        });

        Store upgraded = Store.open(db, 1000);
        assertEquals(Migrations.latestVersion(), Migrations.currentVersion(upgraded.jdbi()));
        ScanRepository.StoredScan s = upgraded.scans().latest().orElseThrow();
        assertEquals("SIM0001", s.candidates().get(0).symbol());
        assertEquals(0, s.skipped(), "the new column got its default");
        assertNull(s.durationMs());
        upgraded.audit("test", "upgrade-check", null);
        int audits = upgraded.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Integer.class).one());
        assertEquals(1, audits);
    }

    @Test
    void reopeningAppliesNothingTwice() {
        Path db = dir.resolve("again.db");
        Store.open(db, 1000);
        assertTrue(Migrations.migrate(Store.open(db, 1000).jdbi(), Migrations.latestVersion()).isEmpty());
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() {
        Path db = dir.resolve("future.db");
        Store s = Store.open(db, 1000);
        s.jdbi().useHandle(h -> h.execute("PRAGMA user_version = 99"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Store.open(db, 1000));
        assertTrue(e.getMessage().contains("99"));
    }

    @Test
    void scanRunsRoundTrip() {
        Store store = Store.open(dir.resolve("scans.db"), 1000);
        Momentum m = new Momentum("SIM0042", 91.5, 71.2, 3.4, 5.5, Double.NaN, "up");
        ScanResult r = new ScanResult(Instant.parse("2024-06-12T15:00:00Z"), Instant.parse("2024-06-12T15:00:02Z"),
                "sim (SIMULATED, seed 42)", true, "momentum", 1453, 1400,
                List.of(new ScanResult.Skipped("SIM0007", "no daily bars")), 42, List.of(new Candidate(1, m, 12.34)));
        long id = store.scans().save(r);
        ScanRepository.StoredScan back = store.scans().latest().orElseThrow();
        assertEquals(id, back.id());
        assertEquals(1, back.skipped());
        assertTrue(back.simulated());
        assertEquals(42L, back.durationMs());
        Momentum m2 = back.candidates().get(0).momentum();
        assertEquals(91.5, m2.score());
        assertTrue(Double.isNaN(m2.trendStrength()), "a missing value comes back missing, not 0");
    }
}
