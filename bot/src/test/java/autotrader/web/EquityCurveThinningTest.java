package autotrader.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The equity curve served to the chart: thinned evenly to about the maximum, always with its first and latest point. */
class EquityCurveThinningTest {

    @Test
    void aLongCurveKeepsEveryKthPointAndTheLast() {
        List<Integer> points = IntStream.range(0, 2_501).boxed().toList();
        List<Integer> thin = DeskQueries.thin(points, 1_000);
        assertTrue(thin.size() <= 1_001, "about the maximum: " + thin.size());
        assertEquals(0, thin.get(0));
        assertEquals(3, thin.get(1), "every 3rd point (2,501 / 1,000 rounded up)");
        assertEquals(2_500, thin.get(thin.size() - 1), "the latest value is always shown");
        for (int i = 1; i < thin.size(); i++) assertTrue(thin.get(i) > thin.get(i - 1), "still in time order");
    }

    @Test
    void aShortCurveIsServedAsItIs() {
        List<Integer> points = List.of(1, 2, 3);
        assertSame(points, DeskQueries.thin(points, DeskQueries.MAX_CURVE_POINTS));
    }
}
