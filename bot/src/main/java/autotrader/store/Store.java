package autotrader.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
/**
 * The SQLite state file: opened in WAL mode with a busy timeout (the daemon, the CLI and the web
 * view may touch it at once), created on first use and upgraded in place to the latest schema.
 * Connections are kept open between calls ({@link ReusedConnections}); {@link #close} closes them,
 * and so does the garbage collector for a store nobody closed.
 */
public final class Store implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();
    /**
     * The kept-open connections of every store not closed yet, closed at exit: closing the last
     * connection checkpoints the WAL into the database file, so a copy of the file alone (a backup,
     * `bench replay`'s bench.db) holds everything once the process has ended.
     */
    private static final Set<ReusedConnections> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(ReusedConnections::close), "store-close"));
    }

    private final Path file;
    private final Jdbi jdbi;
    private final ReusedConnections connections;
    private final Cleaner.Cleanable cleanable;

    private Store(Path file, Jdbi jdbi, ReusedConnections connections) {
        this.file = file;
        this.jdbi = jdbi;
        this.connections = connections;
        OPEN.add(connections);
        this.cleanable = CLEANER.register(this, () -> {
            connections.close();
            OPEN.remove(connections);
        });
    }

    /** Closes the connections kept open (a store is still usable after: it opens new ones, and closes them after each call). */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** Connections kept open for the next calls (tests). */
    int idleConnections() {
        return connections.idleCount();
    }

    public static Store open(Path file, int busyTimeoutMs) {
        return open(file, busyTimeoutMs, Migrations.latestVersion());
    }

    /** Opens the database migrated only up to {@code schemaVersion}; tests use it to build old databases. */
    public static Store open(Path file, int busyTimeoutMs, int schemaVersion) {
        return open(file, busyTimeoutMs, schemaVersion, true);
    }

    /**
     * A backtest's or a replay's own state file (its paper orders, never a real one): commits wait for
     * the next checkpoint instead of each syncing the disk (synchronous=NORMAL), which a power cut may
     * cost the last of; the run is then simply repeated. Close it when the run ends.
     */
    public static Store openReplay(Path file, int busyTimeoutMs) {
        return open(file, busyTimeoutMs, Migrations.latestVersion(), false);
    }

    private static Store open(Path file, int busyTimeoutMs, int schemaVersion, boolean durable) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for state database " + file, e);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: every commit is on disk when it returns. With NORMAL a WAL commit waits for the next
        // checkpoint, which closing a call's connection used to force; kept-open connections do not, and
        // an order marked sent must survive a power cut (it is never sent twice).
        cfg.setSynchronous(durable ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout(busyTimeoutMs);
        cfg.enforceForeignKeys(true);
        // Transactions take the write lock when they begin: a deferred one that reads and then writes
        // fails with SQLITE_BUSY_SNAPSHOT when another connection wrote in between (the daemon's jobs,
        // the CLI and the web view share the file), whereas waiting for the lock is what the busy
        // timeout is for.
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        ReusedConnections connections = new ReusedConnections(ds);
        Jdbi jdbi = Jdbi.create(connections).installPlugin(new SqlObjectPlugin());
        migrateWaitingForTheLock(jdbi, schemaVersion, busyTimeoutMs);
        return new Store(file, jdbi, connections);
    }

    /**
     * The first connection to a new file switches it to WAL, which needs the file to itself: SQLite
     * answers SQLITE_BUSY at once, without the busy timeout, when another process opens the same new
     * file at that moment (`status`, the desk, a test polling a daemon's database). Such an open is
     * tried again until the busy timeout has passed, as any locked statement would wait.
     */
    private static void migrateWaitingForTheLock(Jdbi jdbi, int schemaVersion, int busyTimeoutMs) {
        long deadline = System.nanoTime() + Math.max(busyTimeoutMs, 0) * 1_000_000L;
        while (true) {
            try {
                Migrations.migrate(jdbi, schemaVersion);
                return;
            } catch (RuntimeException e) {
                if (!busy(e) || System.nanoTime() > deadline) throw e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && (s.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code) return true;
        }
        return false;
    }

    public Path file() {
        return file;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DecisionRepository decisions() {
        return new DecisionRepository(jdbi);
    }

    public JobRepository jobs() {
        return new JobRepository(jdbi);
    }

    public ScanRepository scans() {
        return new ScanRepository(jdbi);
    }

    public void audit(String actor, String action, String detail) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log(at, actor, action, detail) VALUES (?, ?, ?, ?)")
                .bind(0, Instant.now().toString()).bind(1, actor).bind(2, action).bind(3, detail).execute());
    }
}
