package autotrader.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory from /proc/self/status (Linux), for the benchmarks; -1 where it cannot be read. */
final class Memory {

    private Memory() {
    }

    /** VmRSS: resident now, in kB. */
    static long residentKb() {
        return field("VmRSS:");
    }

    /** VmHWM: the peak resident size so far, in kB. */
    static long peakKb() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
