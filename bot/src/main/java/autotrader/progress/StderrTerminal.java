package autotrader.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal a person is watching. Java has no isatty for stderr ({@code System.console()}
 * looks at stdin and stdout, and stdout is often piped into jq while stderr stays on the screen), so on
 * Linux this reads where file descriptor 2 points; elsewhere it falls back to the console.
 */
final class StderrTerminal {

    private StderrTerminal() {
    }

    static boolean isTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) return false;
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd2)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(fd2).toString());
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** Pseudo-terminals (ssh, terminal windows) and consoles; pipes ("pipe:[123]"), files and /dev/null are not. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
