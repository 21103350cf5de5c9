package autotrader.progress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarsTest {

    private static final Pattern LINE = Pattern.compile(
            "replay: (\\d+)/20 cycles \\((\\d+\\.\\d)%\\), \\d+:\\d\\d:\\d\\d elapsed, (ETA \\d+:\\d\\d:\\d\\d|ETA unknown|done)( - .+)?");

    @Test
    void withoutATerminalTheLibraryWritesPlainRateLimitedLinesEndingWithTheLastState() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Progress progress = ProgressBars.lines(lines::add, Duration.ofMillis(60));
        try (Progress.Task task = progress.start("replay", 20, "cycles")) {
            Thread.sleep(40);   // the library's ticker shows the start at once, before the first unit is done
            for (int i = 1; i <= 20; i++) {
                task.note("day " + i);
                task.stepTo(i);
                Thread.sleep(15);
            }
        }
        List<String> got = List.copyOf(lines);
        assertTrue(got.size() >= 2, got.toString());
        assertTrue(got.size() < 20, "one line per tick that moved, not one per step: " + got);
        long before = -1;
        for (String line : got) {
            assertFalse(line.contains("\r") || line.contains("\u001b") || line.contains("\n"), "no terminal control characters: " + line);
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            long done = Long.parseLong(m.group(1));
            assertTrue(done >= before, "the count never goes back: " + got);
            assertEquals(100.0 * done / 20, Double.parseDouble(m.group(2)), 0.051, line);
            before = done;
        }
        assertTrue(got.get(0).startsWith("replay: 0/20 cycles (0.0%)"), "the start is shown at once: " + got.get(0));
        String last = got.get(got.size() - 1);
        assertTrue(last.startsWith("replay: 20/20 cycles (100.0%)") && last.contains(", done - day 20"), last);
    }

    @Test
    void onATerminalTheLibraryRedrawsOneBarInPlaceAndEndsTheLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress.Task task = ProgressBars.bar(out).start("train", 10, "fits")) {   // the terminal's width comes from jline
            for (int i = 1; i <= 10; i++) task.stepTo(i);
            task.note("final xgboost");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r"), "redrawn in place with a carriage return: " + text);
        String last = text.substring(text.lastIndexOf('\r') + 1).strip();
        assertTrue(last.startsWith("train 100%") && last.contains("10/10 fits") && last.contains(" final xgboost"), last);
        String tail = text.substring(Math.max(0, text.length() - 60)).replace("\r", "\\r").replace("\n", "\\n");
        assertTrue(text.endsWith(System.lineSeparator()), "the bar's line is ended when the job is: ..." + tail);
    }

    @Test
    void theLineEstimatesTheTimeLeftFromTheMeanTimePerUnit() {
        ProgressLine line = new ProgressLine("folds");
        assertEquals("train: 25/100 folds (25.0%), 0:00:30 elapsed, ETA 0:01:30 - fold 1",
                line.line("train", 25, 100, Duration.ofSeconds(30), "fold 1"));
        assertEquals("warm-up: 3 steps, 0:01:05 elapsed", new ProgressLine("steps").line("warm-up", 3, 0, Duration.ofSeconds(65), null));
        assertEquals("train: 0/4 folds (0.0%), 1:00:00 elapsed, ETA unknown", line.line("train", 0, 4, Duration.ofHours(1), ""));
    }

    @Test
    void onlyTerminalDevicesCountAsATerminal() {
        assertTrue(StderrTerminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(StderrTerminal.isTerminalDevice("/dev/tty1"));
        assertFalse(StderrTerminal.isTerminalDevice("pipe:[123456]"));
        assertFalse(StderrTerminal.isTerminalDevice("/dev/null"));
        assertFalse(StderrTerminal.isTerminalDevice("/tmp/backtest.log"));
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProgressBars.lines(s -> { }, Duration.ZERO));
    }
}
