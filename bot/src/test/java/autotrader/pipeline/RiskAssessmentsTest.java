package autotrader.pipeline;

import autotrader.features.SyntheticBars;
import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.risk.RiskAssessment;
import autotrader.risk.RiskModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A risk assessment is reused only while every bar it reads is unchanged, and it is the one those bars gave. */
class RiskAssessmentsTest {

    private final List<Bar> bars = SyntheticBars.randomWalk(5, 101, Timeframe.M30, 40);
    private final List<Bar> spy = SyntheticBars.randomWalk(6, 101, Timeframe.M30, 400);
    private final List<Bar> qqq = SyntheticBars.randomWalk(7, 101, Timeframe.M30, 300);

    @Test
    void sameBarsGiveTheRememberedAssessmentAndAnyChangedBarANewOne() {
        RiskAssessments risk = new RiskAssessments();
        List<Bar> first = bars.subList(0, 100);
        RiskAssessment a = risk.assess("ABC", Timeframe.M30, first, spy.subList(0, 100), qqq.subList(0, 100), null);
        RiskAssessment cold = new RiskModel().assess(first, spy.subList(0, 100), qqq.subList(0, 100), null, null);
        assertEquals(cold, a, "the first assessment is a cold one");
        assertSame(a, risk.assess("ABC", Timeframe.M30, new ArrayList<>(first), spy.subList(0, 100), qqq.subList(0, 100), null));
        assertEquals(1, risk.reused());

        // another symbol or timeframe with the same bars is its own entry
        risk.assess("XYZ", Timeframe.M30, first, spy.subList(0, 100), qqq.subList(0, 100), null);
        risk.assess("ABC", Timeframe.H1, first, spy.subList(0, 100), qqq.subList(0, 100), null);
        assertEquals(3, risk.computed());

        // a new candidate bar, a new SPY bar, a revised QQQ close: each is recomputed, warm-started from the last fit
        List<Bar> next = bars.subList(1, 101);
        RiskAssessment b = risk.assess("ABC", Timeframe.M30, next, spy.subList(0, 100), qqq.subList(0, 100), null);
        assertNotSame(a, b);
        assertEquals(new RiskModel().assess(next, spy.subList(0, 100), qqq.subList(0, 100), null, a.garchFit()), b);
        risk.assess("ABC", Timeframe.M30, next, spy.subList(1, 101), qqq.subList(0, 100), null);
        List<Bar> revised = new ArrayList<>(qqq.subList(0, 100));
        Bar last = revised.get(99);
        revised.set(99, new Bar(last.start(), last.end(), last.open(), Math.max(last.high(), last.close() + 0.01), last.low(),
                last.close() + 0.01, last.volume()));
        risk.assess("ABC", Timeframe.M30, next, spy.subList(1, 101), revised, null);
        assertEquals(6, risk.computed());
        assertEquals(1, risk.reused());
    }

    @Test
    void barsAfterAsOfDoNotMatterAsTheModelIgnoresThem() {
        List<Bar> first = bars.subList(0, 100);
        var asOf = first.get(99).end();
        long withLater = RiskAssessments.fingerprint(asOf, bars, spy, qqq);
        assertEquals(RiskAssessments.fingerprint(asOf, first, spy.subList(0, 100), qqq.subList(0, 100)), withLater);
        assertNotEquals(RiskAssessments.fingerprint(null, first, spy, qqq), RiskAssessments.fingerprint(null, bars, spy, qqq));
    }
}
