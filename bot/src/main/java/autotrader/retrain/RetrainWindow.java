package autotrader.retrain;

import autotrader.market.MarketCalendar;
import autotrader.pipeline.TrainingSetBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Which decision times a retrain at {@code asOf} trains on and which it scores on. The held-out
 * sessions are the latest {@code holdoutDays} NYSE sessions up to asOf; the training sessions are the
 * {@code lookbackDays} sessions before them. Only decision times before asOf are used, and later the
 * rows whose label ends after asOf are dropped (their outcome was not known yet), as are training
 * rows whose label reaches into the held-out sessions (purging).
 */
public record RetrainWindow(Instant asOf, LocalDate trainFrom, LocalDate trainTo, LocalDate holdoutFrom, LocalDate holdoutTo,
                            Instant holdoutStart, List<Instant> trainTimes, List<Instant> holdoutTimes) {

    /** Decision times start this long after the open, as `train ensemble` does (the first bars of a session are noisy). */
    static final Duration FIRST_AFTER_OPEN = Duration.ofMinutes(30);

    public static RetrainWindow of(Instant asOf, MarketCalendar calendar, TrainingSetBuilder builder, RetrainSettings s) {
        LocalDate last = calendar.dateAt(asOf);
        // A session that has not opened yet at asOf has no decision times; start from the latest one that has.
        if (!calendar.isTradingDay(last) || asOf.isBefore(calendar.openInstant(last))) last = calendar.previousTradingDay(last);
        LocalDate holdoutFrom = back(calendar, last, s.holdoutDays() - 1);
        LocalDate trainTo = calendar.previousTradingDay(holdoutFrom);
        LocalDate trainFrom = back(calendar, trainTo, s.lookbackDays() - 1);
        Duration step = Duration.ofMinutes(s.everyMinutes());
        List<Instant> train = builder.decisionTimes(trainFrom, trainTo, step, FIRST_AFTER_OPEN).stream().filter(t -> t.isBefore(asOf)).toList();
        List<Instant> holdout = builder.decisionTimes(holdoutFrom, last, step, FIRST_AFTER_OPEN).stream().filter(t -> t.isBefore(asOf)).toList();
        return new RetrainWindow(asOf, trainFrom, trainTo, holdoutFrom, last, calendar.openInstant(holdoutFrom), train, holdout);
    }

    private static LocalDate back(MarketCalendar calendar, LocalDate d, int sessions) {
        for (int i = 0; i < sessions; i++) d = calendar.previousTradingDay(d);
        return d;
    }

    public String describe() {
        return String.format("train %s..%s (%d decision times), held out %s..%s (%d decision times), as of %s", trainFrom, trainTo,
                trainTimes.size(), holdoutFrom, holdoutTo, holdoutTimes.size(), asOf);
    }
}
