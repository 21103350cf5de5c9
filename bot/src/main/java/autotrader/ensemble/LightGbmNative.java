package autotrader.ensemble;

import io.github.metarank.lightgbm4j.LGBMBooster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Loads LightGBM's native libraries from a folder of this process's own.
 * <p>
 * lightgbm4j copies its .so files to the fixed paths {@code $java.io.tmpdir/lib_lightgbm.so} and
 * {@code lib_lightgbm_swig.so}, overwriting them in place at every start. A second process started
 * beside a running one (the daemon plus a `cycle` or `backtest` from the shell, or a test run) thus
 * rewrites code the first one has mapped, and the first one dies with SIGSEGV inside LightGBM (seen
 * in a soak run). So the temp folder is pointed at a fresh private folder for the moment of loading;
 * once loaded, the files are deleted (the mapping stays valid on Linux) and nothing is left behind.
 */
final class LightGbmNative {

    private static boolean loaded;

    private LightGbmNative() {
    }

    /** Must run before anything touches {@link LGBMBooster}, whose class initialiser loads the libraries. */
    static synchronized void load() {
        if (loaded) return;
        String tmp = System.getProperty("java.io.tmpdir");
        Path dir;
        try {
            dir = Files.createTempDirectory("autotrader-lightgbm-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private folder for LightGBM's native libraries in " + tmp, e);
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        try {
            LGBMBooster.loadNative();
            loaded = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load LightGBM's native libraries", e);
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // only litter in the temp folder; loading worked
        }
    }
}
