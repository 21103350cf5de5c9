package autotrader.market.store;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class StoreVerifyTest {

    static final MarketCalendar NYSE = MarketCalendar.nyse();

    @TempDir
    Path dir;

    static Bar daily(LocalDate d, double close) {
        return new Bar(NYSE.openInstant(d), NYSE.closeInstant(d), close, close + 1, close - 1, close, 100);
    }

    @Test
    void brokenBarsAndMissingSessionsAreNamed() {
        List<Bar> bars = new ArrayList<>();
        // 2025-03-03..03-14 without 03-06 and 03-07 (Thursday, Friday).
        for (LocalDate d = LocalDate.of(2025, 3, 3); !d.isAfter(LocalDate.of(2025, 3, 14)); d = NYSE.nextTradingDay(d)) {
            if (d.getDayOfMonth() != 6 && d.getDayOfMonth() != 7) bars.add(daily(d, 10));
        }
        Instant sunday = NYSE.openInstant(LocalDate.of(2025, 3, 14)).plusSeconds(2 * 86_400);
        bars.add(new Bar(sunday, sunday.plusSeconds(60), 10, 11, 9, 10, 1));
        bars.add(new Bar(sunday, sunday.plusSeconds(30), 10, 9, 11, 10, 1));
        try (BarStore s = new BarStore(dir)) {
            List<StoreVerify.Finding> found = new StoreVerify(s, NYSE).check("AAA", Timeframe.D1, bars);
            List<String> text = found.stream().map(Object::toString).toList();
            assertTrue(text.contains("AAA 1d: no bars on 2025-03-06..2025-03-07 (2 sessions)"), text.toString());
            assertTrue(text.contains("AAA 1d: bar at " + sunday + " is outside the NYSE regular session"), text.toString());
            assertTrue(text.contains("AAA 1d: bar at " + sunday + ": high 9.0 < low 11.0"), text.toString());
            assertTrue(text.contains("AAA 1d: bar at " + sunday + " starts before the previous bar ends (" + sunday.plusSeconds(60) + ")"), text.toString());
            assertEquals(1, found.stream().filter(f -> !f.bad()).count(), text.toString());
        }
    }
}
