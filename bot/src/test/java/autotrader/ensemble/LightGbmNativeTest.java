package autotrader.ensemble;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * LightGBM's libraries are mapped from a private copy, not from the shared
 * $java.io.tmpdir/lib_lightgbm.so that every other starting process overwrites (which killed a
 * running daemon with SIGSEGV when a second process started).
 */
class LightGbmNativeTest {

    @Test
    void theLibrariesAreNotMappedFromTheSharedTempFile() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs /proc/self/maps (Linux)");
        Class.forName(LightGbmModel.class.getName(), true, getClass().getClassLoader());
        assertTrue(io.github.metarank.lightgbm4j.LGBMBooster.isNativeLoaded());
        List<String> lightgbm = Files.readAllLines(maps).stream().filter(l -> l.contains("lib_lightgbm")).toList();
        assertFalse(lightgbm.isEmpty(), "LightGBM is loaded");
        String shared = Path.of(System.getProperty("java.io.tmpdir"), "lib_lightgbm").toString();
        for (String line : lightgbm) {
            assertFalse(line.contains(shared + ".so") || line.contains(shared + "_swig.so"), "mapped from the shared temp file: " + line);
        }
        assertEquals(System.getProperty("java.io.tmpdir"), System.getProperty("java.io.tmpdir").strip(), "temp folder restored");
    }
}
