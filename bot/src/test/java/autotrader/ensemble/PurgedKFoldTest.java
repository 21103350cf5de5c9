package autotrader.ensemble;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import java.util.stream.IntStream;
import static org.junit.jupiter.api.Assertions.*;

class PurgedKFoldTest {

    static final Instant T0 = Instant.parse("2024-01-02T15:00:00Z");

    /** 3 symbols per hour for 200 hours, label windows of 1..12 hours. */
    static Instant[][] times(long seed) {
        Random r = new Random(seed);
        int n = 600;
        Instant[] t = new Instant[n], e = new Instant[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0.plus(Duration.ofHours(i / 3));
            e[i] = t[i].plus(Duration.ofHours(1 + r.nextInt(12)));
        }
        return new Instant[][] {t, e};
    }

    @Test
    void noTrainingRowsLabelWindowOverlapsItsTestFoldPlusEmbargo() {
        Instant[][] te = times(1);
        Instant[] t = te[0], e = te[1];
        int embargo = 5;
        List<PurgedKFold.Fold> folds = PurgedKFold.split(t, e, 5, embargo);
        assertEquals(5, folds.size());
        Set<Integer> tested = new HashSet<>();
        for (PurgedKFold.Fold f : folds) {
            Instant testStart = Arrays.stream(f.test()).mapToObj(i -> t[i]).min(Instant::compareTo).orElseThrow();
            Instant testLastT = Arrays.stream(f.test()).mapToObj(i -> t[i]).max(Instant::compareTo).orElseThrow();
            Instant testLastEnd = Arrays.stream(f.test()).mapToObj(i -> e[i]).max(Instant::compareTo).orElseThrow();
            Instant embargoEnd = testLastT.plus(Duration.ofHours(embargo)); // one decision time per hour here
            if (embargoEnd.isAfter(t[t.length - 1])) embargoEnd = t[t.length - 1];
            Instant forbiddenEnd = embargoEnd.isAfter(testLastEnd) ? embargoEnd : testLastEnd;
            Set<Integer> test = new HashSet<>();
            for (int i : f.test()) test.add(i);
            for (int i : f.train()) {
                assertFalse(test.contains(i), "row " + i + " is in train and test of fold " + f.index());
                boolean overlaps = !e[i].isBefore(testStart) && !t[i].isAfter(forbiddenEnd);
                assertFalse(overlaps, "fold " + f.index() + ": training row " + i + " [" + t[i] + ", " + e[i]
                        + "] overlaps [" + testStart + ", " + forbiddenEnd + "]");
            }
            // and nothing outside the window was dropped needlessly
            Set<Integer> train = new HashSet<>();
            for (int i : f.train()) train.add(i);
            for (int i = 0; i < t.length; i++) {
                boolean outside = e[i].isBefore(testStart) || t[i].isAfter(forbiddenEnd);
                assertEquals(outside && !test.contains(i), train.contains(i), "row " + i + " kept exactly when outside the window");
            }
            assertEquals(testStart, f.forbiddenStart());
            assertEquals(forbiddenEnd, f.forbiddenEnd());
            tested.addAll(test);
        }
        assertEquals(t.length, tested.size(), "every row is tested exactly once");
    }

    @Test
    void foldsAreContiguousInTimeAndKeepRowsOfOneTimeTogether() {
        Instant[][] te = times(2);
        List<PurgedKFold.Fold> folds = PurgedKFold.split(te[0], te[1], 5, 0);
        Instant previousLast = null;
        for (PurgedKFold.Fold f : folds) {
            assertEquals(120, f.test().length, "200 hours / 5 folds x 3 rows");
            Instant first = te[0][f.test()[0]];
            Instant last = te[0][f.test()[f.test().length - 1]];
            if (previousLast != null) assertTrue(first.isAfter(previousLast));
            previousLast = last;
        }
    }

    @Test
    void embargoRemovesRowsRightAfterTheTestFoldEvenWhenLabelsAreShort() {
        int n = 100;
        Instant[] t = new Instant[n], e = new Instant[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0.plus(Duration.ofHours(i));
            e[i] = t[i]; // zero-length labels: only the embargo keeps the next rows out
        }
        PurgedKFold.Fold first = PurgedKFold.split(t, e, 5, 3).get(0); // test rows 0..19
        assertArrayEquals(IntStream.range(23, 100).toArray(), first.train(), "rows 20, 21, 22 embargoed");
        PurgedKFold.Fold middle = PurgedKFold.split(t, e, 5, 0).get(2); // test rows 40..59
        assertEquals(80, middle.train().length, "no embargo, zero-length labels: nothing purged");
    }

    @Test
    void longLabelsBeforeTheFoldArePurged() {
        int n = 100;
        Instant[] t = new Instant[n], e = new Instant[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0.plus(Duration.ofHours(i));
            e[i] = t[i].plus(Duration.ofHours(4));
        }
        PurgedKFold.Fold middle = PurgedKFold.split(t, e, 5, 0).get(2); // test rows 40..59, labels to hour 63
        int[] expected = IntStream.concat(IntStream.range(0, 36),
                IntStream.range(64, 100)).toArray();
        assertArrayEquals(expected, middle.train(), "rows 36..39 end inside the fold, 60..63 start before its last label ends");
    }

    @Test
    void refusesTooFewTimes() {
        Instant[] t = {T0, T0};
        assertThrows(IllegalArgumentException.class, () -> PurgedKFold.split(t, t, 5, 0));
    }
}
