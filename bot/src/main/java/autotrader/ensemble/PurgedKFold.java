package autotrader.ensemble;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time-ordered k-fold cross-validation with purging and an embargo (López de Prado, AFML ch. 7).
 *
 * <p>The distinct decision times are cut into k contiguous blocks of (nearly) equal count; all rows at
 * the same time fall in the same fold. For a test fold, the forbidden window is
 * [first test decision time, max(last test label end, embargo time)], where the embargo time is the
 * decision time {@code embargo} distinct times after the fold's last one. A training row is kept only
 * when its own window [decision time, label end] lies entirely outside the forbidden window, i.e.
 * its label ends before the fold starts or it is decided after the window. Rows sharing information
 * with the test labels (overlapping trades) or just after them (serial correlation) are thus dropped.
 */
public final class PurgedKFold {

    /**
     * @param train          training row indices, ascending
     * @param test           test row indices, ascending
     * @param forbiddenStart first decision time of the test fold
     * @param forbiddenEnd   end of the purge + embargo window (inclusive)
     */
    public record Fold(int index, int[] train, int[] test, Instant forbiddenStart, Instant forbiddenEnd) {}

    private PurgedKFold() {
    }

    public static List<Fold> split(Instant[] decisionTimes, Instant[] labelEnds, int folds, int embargo) {
        if (folds < 2) throw new IllegalArgumentException("need at least 2 folds");
        if (embargo < 0) throw new IllegalArgumentException("embargo must not be negative");
        Instant[] times = Arrays.stream(decisionTimes).distinct().sorted().toArray(Instant[]::new);
        if (times.length < folds) {
            throw new IllegalArgumentException(times.length + " distinct decision times cannot make " + folds + " folds");
        }
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int lo = (int) ((long) f * times.length / folds);
            int hi = (int) ((long) (f + 1) * times.length / folds); // exclusive
            Instant first = times[lo];
            Instant last = times[hi - 1];
            Instant lastLabelEnd = last;
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < decisionTimes.length; i++) {
                if (!decisionTimes[i].isBefore(first) && !decisionTimes[i].isAfter(last)) {
                    test.add(i);
                    if (labelEnds[i].isAfter(lastLabelEnd)) lastLabelEnd = labelEnds[i];
                }
            }
            // Past the data's end there is nothing to embargo; the last decision time stands in for it.
            Instant embargoEnd = times[Math.min(hi - 1 + embargo, times.length - 1)];
            Instant forbiddenEnd = embargoEnd.isAfter(lastLabelEnd) ? embargoEnd : lastLabelEnd;
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < decisionTimes.length; i++) {
                boolean endsBefore = labelEnds[i].isBefore(first);
                boolean startsAfter = decisionTimes[i].isAfter(forbiddenEnd);
                if (endsBefore || startsAfter) train.add(i);
            }
            out.add(new Fold(f, toArray(train), toArray(test), first, forbiddenEnd));
        }
        return out;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
