package autotrader.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link Progress} on the progress-bar library (me.tongfei:progressbar): its ticker thread redraws and
 * times the job whichever way it is shown, so there is one code path for both outputs:
 * <ul>
 *   <li>a terminal: the library's bar with rate and ETA, redrawn in place every second;</li>
 *   <li>anything else (CI log, file, journald): one plain {@link ProgressLine} every {@link #LINE_EVERY}
 *       when the count moved, plus the first and the last state.</li>
 * </ul>
 * {@code AUTOTRADER_PROGRESS=bar|lines|off} overrides the choice {@link #stderr()} makes.
 */
public final class ProgressBars implements Progress {

    public static final String ENV = "AUTOTRADER_PROGRESS";
    /** Often enough to see a job is alive in a log, rarely enough not to flood it. */
    public static final Duration LINE_EVERY = Duration.ofSeconds(10);

    private final PrintStream terminal;      // non-null: draw a bar there
    private final Consumer<String> lines;    // otherwise: plain lines here
    private final Duration every;

    private ProgressBars(PrintStream terminal, Consumer<String> lines, Duration every) {
        this.terminal = terminal;
        this.lines = lines;
        this.every = every;
    }

    /** The process's progress on stderr: a bar when stderr is a terminal, lines when it is not (or as {@value #ENV} says). */
    public static Progress stderr() {
        String choice = System.getenv(ENV);
        String mode = choice == null || choice.isBlank() ? (StderrTerminal.isTerminal() ? "bar" : "lines") : choice.strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "bar" -> bar(System.err);
            case "lines" -> lines(System.err::println, LINE_EVERY);
            case "off" -> NONE;
            default -> throw new IllegalArgumentException(ENV + " must be bar, lines or off, not '" + choice + "'");
        };
    }

    /** A bar redrawn in place on {@code out} (a terminal: the line is rewritten with a carriage return). */
    public static Progress bar(PrintStream out) {
        return new ProgressBars(Objects.requireNonNull(out, "out"), null, Duration.ofSeconds(1));
    }

    /** Plain lines to {@code out} (e.g. stderr's println, a logger) at most every {@code every} while the count moves. */
    public static Progress lines(Consumer<String> out, Duration every) {
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("every must be positive, not " + every);
        return new ProgressBars(null, Objects.requireNonNull(out, "out"), every);
    }

    @Override
    public Task start(String task, long total, String unit) {
        EndedOnClose ended = null;
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total <= 0 ? -1 : total)
                .setUpdateIntervalMillis((int) Math.min(Integer.MAX_VALUE, every.toMillis()));
        if (terminal != null) {
            b.setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed();
            // On stderr the interactive consumer (cursor movement) stacks several bars (a walk-forward retrain inside a
            // backtest) on their own lines instead of overwriting one line. Either way wrapped: the library's refresh
            // thread can render once more after close() has ended the line, which would leave a bar drawn on the next.
            ended = new EndedOnClose(terminal == System.err ? new InteractiveConsoleProgressBarConsumer(terminal)
                    : new ConsoleProgressBarConsumer(terminal));
            b.setConsumer(ended);
        } else {
            // No terminal width to ask for; the line is never cut.
            b.setConsumer(new DelegatingProgressBarConsumer(new ChangedLines(lines), Integer.MAX_VALUE)).setRenderer(new ProgressLine(unit));
        }
        return new BarTask(b.build(), terminal != null ? " " : "", ended);
    }

    /** A console consumer that draws nothing after its close (the line it ended stays ended). */
    private static final class EndedOnClose implements ProgressBarConsumer {
        private final ProgressBarConsumer out;
        private boolean closed;

        EndedOnClose(ProgressBarConsumer out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return out.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!closed) out.accept(rendered);
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            out.close();
        }
    }

    /** Drops a line equal to the one before (the library renders once more when a bar closes). */
    private static final class ChangedLines implements Consumer<String> {
        private final Consumer<String> out;
        private String last;

        ChangedLines(Consumer<String> out) {
            this.out = out;
        }

        @Override
        public synchronized void accept(String line) {
            if (line.equals(last)) return;
            last = line;
            out.accept(line);
        }
    }

    private static final class BarTask implements Task {
        private final ProgressBar bar;
        private final String notePrefix;   // the library's bar glues the note to the rate ("2.5 steps/s")
        private final EndedOnClose console;  // null off a terminal

        BarTask(ProgressBar bar, String notePrefix, EndedOnClose console) {
            this.bar = bar;
            this.notePrefix = notePrefix;
            this.console = console;
        }

        @Override
        public void stepTo(long done) {
            bar.stepTo(done);
        }

        @Override
        public void total(long total) {
            bar.maxHint(total <= 0 ? -1 : total);
        }

        @Override
        public void note(String text) {
            bar.setExtraMessage(text == null || text.isBlank() ? "" : notePrefix + text);
        }

        @Override
        public void close() {
            bar.close();
            // progressbar 0.10 ends the line from its refresh thread, which close() may cancel first: end it here too (once).
            if (console != null) console.close();
        }
    }
}
