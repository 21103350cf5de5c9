package autotrader.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches a rules folder and calls {@code onChange} once the folder has been quiet for the debounce
 * time. Editors save in several writes (truncate + write, or write a temp file + rename); waiting for
 * quiet means the change is compiled once, complete. The reload itself compares content hashes, so a
 * spurious event costs a file read, not a compile.
 */
final class RuleWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RuleWatcher.class);

    private final WatchService service;
    private final Thread thread;

    private RuleWatcher(WatchService service, Thread thread) {
        this.service = service;
        this.thread = thread;
    }

    static RuleWatcher start(Path dir, Duration debounce, Runnable onChange) {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            Thread t = new Thread(() -> loop(service, debounce, onChange), "rules-watcher");
            t.setDaemon(true);
            t.start();
            log.info("watching {} for rule changes (debounce {} ms)", dir, debounce.toMillis());
            return new RuleWatcher(service, t);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch rules folder " + dir, e);
        }
    }

    private static void loop(WatchService service, Duration debounce, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                drain(key);
                // Debounce: keep absorbing events until none arrives for a whole debounce period.
                WatchKey more;
                while ((more = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) drain(more);
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.error("rules reload failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the engine is shutting down
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        if (!key.reset()) {
            // The folder was deleted or moved: nothing more will arrive. The running rules stay.
            log.error("rules folder {} can no longer be watched; restart to watch it again", key.watchable());
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            log.warn("closing the rules watcher: {}", e.toString());
        }
        thread.interrupt();
    }
}
