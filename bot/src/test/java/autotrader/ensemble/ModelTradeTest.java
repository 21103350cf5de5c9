package autotrader.ensemble;

import autotrader.ensemble.TradeLabeler.TradeLabel;
import autotrader.market.Bar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trade a decision carries is its label's trade: the same sigma, barriers and holding limit, from the bars up to t only. */
class ModelTradeTest {

    @Test
    void thePlanIsTheLabelsLongTrade() {
        LabelSettings s = TradeLabelerTest.settings(0, 1, 5);
        List<Bar> bars = TradeLabelerTest.bars(new double[] {100, 100.5, 98.0, 98.5}, new double[] {98.5, 99, 97.0, 97.5},
                new double[] {97.5, 98, 97.0, 97.2});
        TradeLabel label = TradeLabelerTest.label(s, bars);
        // The plan sees bars 0..2 only (the decision's moment); the label looks ahead for its outcome.
        ModelTrade.Plan plan = new ModelTrade(Timeframe.H1, s).at(bars.subList(0, 3)).orElseThrow();
        assertEquals(label.sigma(), plan.sigma(), 0.0);
        double entry = label.longTrade().entry();
        assertEquals(TradeLabelerTest.LONG_STOP, entry * (1 - plan.stopPct()), 1e-12);
        assertEquals(TradeLabelerTest.LONG_TARGET, entry * (1 + plan.targetPct()), 1e-12);
        assertEquals(s.horizonBars(), plan.holdBars());
        assertEquals(Timeframe.H1, plan.timeframe());
    }

    @Test
    void tooFewBarsOrNoMovementGiveNoPlan() {
        LabelSettings s = TradeLabelerTest.settings(0, 0, 0);
        List<Bar> bars = TradeLabelerTest.bars();
        assertTrue(new ModelTrade(Timeframe.H1, s).at(bars.subList(0, 2)).isEmpty(), "two bars: one return, sigma needs two");
        List<Bar> flat = List.of(TradeLabelerTest.bar(0, 100, 100, 100, 100), TradeLabelerTest.bar(1, 100, 100, 100, 100),
                TradeLabelerTest.bar(2, 100, 100, 100, 100));
        assertTrue(new ModelTrade(Timeframe.H1, s).at(flat).isEmpty(), "no movement: no stop can be set");
    }
}
