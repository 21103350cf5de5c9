package autotrader.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept-open connections: reused, never shared by two callers at once, left clean, and what they wrote is visible to others at once. */
class ReusedConnectionsTest {

    @TempDir
    Path dir;

    @Test
    void callsReuseOneConnectionAndEveryCommitIsVisibleToAnotherProcessAtOnce() throws Exception {
        Path db = dir.resolve("state.db");
        try (Store store = Store.open(db, 5000)) {
            for (int i = 0; i < 20; i++) store.audit("test", "a" + i, null);
            assertEquals(1, store.idleConnections(), "sequential calls share one kept-open connection");
            // another connection (as `status` in another process) sees every commit without any close or checkpoint
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                 Statement s = other.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM audit_log WHERE actor = 'test'")) {
                r.next();
                assertEquals(20, r.getInt(1));
            }
            assertEquals(2L, (long) store.jdbi().withHandle(h -> h.createQuery("PRAGMA synchronous").mapTo(Long.class).one()),
                    "FULL (2): a kept-open connection's commits are on disk when they return");
        }
    }

    @Test
    void aTransactionLeftOpenIsRolledBackBeforeTheConnectionIsReused() throws Exception {
        Path db = dir.resolve("state.db");
        Store.open(db, 5000).close();
        org.sqlite.SQLiteDataSource opener = new org.sqlite.SQLiteDataSource();
        opener.setUrl("jdbc:sqlite:" + db.toAbsolutePath());
        try (ReusedConnections pool = new ReusedConnections(opener)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("INSERT INTO audit_log(at, actor, action, detail) VALUES ('2024-01-01T00:00:00Z', 'pending', 'x', null)");
            } // given back with the transaction open
            assertEquals(1, pool.idleCount());
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM audit_log WHERE actor = 'pending'")) {
                assertTrue(c.getAutoCommit(), "the next caller gets an autocommit connection");
                r.next();
                assertEquals(0, r.getInt(1), "the uncommitted insert was rolled back, not committed by the next caller");
            }
        }
    }

    @Test
    void concurrentCallersNeverShareAConnectionAndAtMostMaxIdleStayOpen() throws Exception {
        try (Store store = Store.open(dir.resolve("state.db"), 5000)) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int id = t;
                    jobs.add(pool.submit(() -> {
                        for (int i = 0; i < 30; i++) {
                            store.jdbi().useTransaction(h -> {
                                h.execute("INSERT INTO audit_log(at, actor, action, detail) VALUES ('2024-01-01T00:00:00Z', ?, 'x', null)", "t" + id);
                                int mine = h.createQuery("SELECT count(*) FROM audit_log WHERE actor = ?").bind(0, "t" + id).mapTo(Integer.class).one();
                                if (mine < 1) throw new IllegalStateException("own insert not visible inside its transaction");
                            });
                        }
                        return null;
                    }));
                }
                for (Future<?> f : jobs) f.get();
            } finally {
                pool.shutdownNow();
            }
            assertEquals(180, (int) store.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = 'x'").mapTo(Integer.class).one()));
            assertTrue(store.idleConnections() <= ReusedConnections.MAX_IDLE, "idle " + store.idleConnections());
            store.close();
            assertEquals(0, store.idleConnections(), "close() closes the kept-open connections");
            store.audit("test", "after close", null); // still usable: a connection per call again
            assertEquals(0, store.idleConnections());
        }
    }

    @Test
    void aConnectionGivenBackCannotBeUsedThroughTheOldWrapper() throws Exception {
        try (Store store = Store.open(dir.resolve("state.db"), 5000)) {
            Connection lent = store.jdbi().withHandle(Handle::getConnection);
            assertTrue(lent.isClosed());
            assertThrows(java.sql.SQLException.class, lent::createStatement);
        }
    }
}
