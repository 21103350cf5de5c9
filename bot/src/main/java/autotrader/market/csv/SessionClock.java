package autotrader.market.csv;

import autotrader.market.MarketCalendar;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session open/close of each date as epoch seconds, looked up in the calendar once per date:
 * files have hundreds of thousands of rows but only a few thousand distinct dates, and the
 * calendar's time-zone and holiday work would otherwise dominate the load time.
 */
final class SessionClock {

    /** A date's regular session; {@code trading} false on weekends and exchange holidays. */
    record Session(boolean trading, long openSec, long closeSec) {
    }

    private final MarketCalendar calendar;
    private final ConcurrentHashMap<Long, Session> byEpochDay = new ConcurrentHashMap<>();

    SessionClock(MarketCalendar calendar) {
        this.calendar = calendar;
    }

    Session of(long epochDay) {
        return byEpochDay.computeIfAbsent(epochDay, d -> {
            LocalDate day = LocalDate.ofEpochDay(d);
            return new Session(calendar.isTradingDay(day), calendar.openInstant(day).getEpochSecond(),
                    calendar.closeInstant(day).getEpochSecond());
        });
    }
}
