package autotrader.retrain;

import autotrader.config.AppConfig;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.pipeline.TrainingSetBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.*;

class RetrainWindowTest {

    static final MarketCalendar NYSE = MarketCalendar.nyse();
    // Only decisionTimes() is used: it needs the calendar and the label horizon, not the cycle.
    static final TrainingSetBuilder BUILDER = new TrainingSetBuilder(null, null, NYSE,
            new TradeLabeler(LabelSettings.from(new AppConfig.Labels())), Timeframe.M5);

    static Instant ny(String t) {
        return LocalDateTime.parse(t).atZone(MarketCalendar.NEW_YORK).toInstant();
    }

    @Test
    void onSaturdayTheHeldOutSessionsAreTheWeeksLastAndTrainingComesBeforeThem() {
        // Saturday 2024-07-06: the week had the 4 July holiday and an early close on the 3rd.
        RetrainWindow w = RetrainWindow.of(ny("2024-07-06T06:00"), NYSE, BUILDER, new RetrainSettings(5, 2, 60, 0));
        assertEquals(LocalDate.parse("2024-07-03"), w.holdoutFrom());
        assertEquals(LocalDate.parse("2024-07-05"), w.holdoutTo());
        assertEquals(LocalDate.parse("2024-07-02"), w.trainTo());
        assertEquals(LocalDate.parse("2024-06-26"), w.trainFrom());
        assertEquals(NYSE.openInstant(LocalDate.parse("2024-07-03")), w.holdoutStart());
        assertTrue(w.trainTimes().stream().allMatch(t -> t.isBefore(w.holdoutStart())));
        assertTrue(w.holdoutTimes().stream().noneMatch(t -> t.isBefore(w.holdoutStart())));
        // Hourly from 10:00 while the 10-bar 5m label still ends before the close: 6 a full day, 3 on the early close.
        assertEquals(6 + 3, w.holdoutTimes().size());
        assertEquals(5 * 6, w.trainTimes().size());
    }

    @Test
    void midSessionOnlyDecisionTimesBeforeAsOfCount() {
        RetrainWindow w = RetrainWindow.of(ny("2024-09-13T12:30"), NYSE, BUILDER, new RetrainSettings(3, 1, 60, 0));
        assertEquals(LocalDate.parse("2024-09-13"), w.holdoutFrom());
        assertEquals(3, w.holdoutTimes().size(), "10:00, 11:00 and 12:00 of that day");
        assertTrue(w.holdoutTimes().stream().allMatch(t -> t.isBefore(w.asOf())));
        // Before that day's open, the day does not count yet.
        assertEquals(LocalDate.parse("2024-09-12"), RetrainWindow.of(ny("2024-09-13T08:00"), NYSE, BUILDER, new RetrainSettings(3, 1, 60, 0)).holdoutTo());
    }
}
