package autotrader.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening the state database while another process holds its write lock waits for the lock (the
 * busy timeout), as every statement does: a daemon starting while `status` or a test polls the file
 * must not die with SQLITE_BUSY at open.
 */
class StoreOpenBusyTest {

    @TempDir
    Path dir;

    @Test
    void anOpenWhileAnotherConnectionHoldsTheWriteLockWaitsInsteadOfFailing() throws Exception {
        Path db = dir.resolve("state.db");
        Store.open(db, 5000);                     // created, migrated, in WAL mode
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath()); Statement s = c.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                s.execute("INSERT INTO audit_log(at, actor, action, detail) VALUES ('2024-01-01T00:00:00Z', 'test', 'lock', null)");
                locked.countDown();
                Thread.sleep(800);
                s.execute("COMMIT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        Store store = Store.open(db, 5000);       // must wait for the lock, not throw SQLITE_BUSY
        store.audit("test", "after", null);
        holder.join();
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 100, "it waited for the lock");
        int rows = store.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Integer.class).one());
        assertEquals(2, rows, "the holder's row and ours");
    }
}
