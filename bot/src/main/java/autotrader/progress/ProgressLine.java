package autotrader.progress;

import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

import java.time.Duration;
import java.util.Locale;

/**
 * The plain line written where no terminal shows a bar (CI logs, files, journald): no carriage
 * returns or colour codes, e.g. {@code backtest: 4,520/8,586 cycles (52.6%), 0:03:10 elapsed, ETA 0:02:51 - 2025-11-03 equity 101,220}.
 * The ETA is the mean time per unit so far times the units left.
 */
final class ProgressLine implements ProgressBarRenderer {

    private final String unit;

    ProgressLine(String unit) {
        this.unit = unit == null || unit.isBlank() ? "" : " " + unit.strip();
    }

    @Override
    public String render(ProgressState state, int maxLength) {
        return line(state.getTaskName(), state.getCurrent(), state.isIndefinite() ? 0 : state.getMax(), state.getTotalElapsed(),
                state.getExtraMessage());
    }

    String line(String task, long done, long total, Duration elapsed, String note) {
        StringBuilder s = new StringBuilder(task).append(": ");
        if (total > 0) {
            s.append(String.format(Locale.ROOT, "%,d/%,d%s (%.1f%%)", done, total, unit, 100.0 * done / total));
        } else {
            s.append(String.format(Locale.ROOT, "%,d%s", done, unit));
        }
        s.append(", ").append(clock(elapsed)).append(" elapsed");
        if (total > 0 && done >= total) s.append(", done");
        else if (total > 0 && done > 0) s.append(", ETA ").append(clock(elapsed.multipliedBy(total - done).dividedBy(done)));
        else if (total > 0) s.append(", ETA unknown");
        if (note != null && !note.isBlank()) s.append(" - ").append(note.strip());
        return s.toString();
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
