package autotrader.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections kept open between repository calls, each used by one caller at a time. Every
 * call opened and closed its own connection before, and closing the last connection to a WAL file
 * checkpoints it: opening, configuring and closing were a fifth of a daily backtest's main thread.
 *
 * <p>A connection handed out is the real one behind a thin wrapper whose {@code close()} gives it
 * back (rolled back first if a transaction was left open; closed instead if that fails, or when
 * {@link #MAX_IDLE} are already waiting, or after {@link #close()}). Opening is the caller's, on its
 * own thread, as before: a busy new file answers SQLITE_BUSY to the opener, as it did.
 */
final class ReusedConnections implements DataSource, AutoCloseable {

    /** Idle connections kept: the daemon's cycle, a job and a web request may each hold one. */
    static final int MAX_IDLE = 3;

    private final SQLiteDataSource opener;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ReusedConnections(SQLiteDataSource opener) {
        this.opener = opener;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c;
        synchronized (this) {
            c = idle.pollFirst();
        }
        if (c == null) c = opener.getConnection();
        return lent(c);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /** Closes the idle connections; connections still lent out are closed when given back. */
    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        for (Connection c : toClose) closeQuietly(c);
    }

    synchronized int idleCount() {
        return idle.size();
    }

    private void giveBack(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            return;
        }
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(c);
                return;
            }
        }
        closeQuietly(c);
    }

    private Connection lent(Connection real) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "close":
                    if (!returned[0]) {
                        returned[0] = true;
                        giveBack(real);
                    }
                    return null;
                case "isClosed":
                    return returned[0] || real.isClosed();
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : real.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy) || real.isWrapperFor((Class<?>) args[0]);
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    if (returned[0]) throw new SQLException("connection already given back to the pool");
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        });
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to keep: the connection is being dropped
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
