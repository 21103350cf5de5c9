package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.ForwardingMarketData;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.testing.InMemoryMarket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A small daily market for backtest tests: seeded random walks for a dozen stocks plus SPY and QQQ, in memory or as a csv folder. */
public final class SyntheticDaily {

    public static final MarketCalendar CAL = MarketCalendar.nyse();
    public static final LocalDate LAST = LocalDate.of(2025, 4, 30);
    public static final int SESSIONS = 300;

    private SyntheticDaily() {
    }

    public static Map<String, List<Bar>> bars() {
        Map<String, List<Bar>> out = new LinkedHashMap<>();
        out.put("SPY", InMemoryMarket.randomWalk(1, LAST, SESSIONS, 400, 5_000_000));
        out.put("QQQ", InMemoryMarket.randomWalk(2, LAST, SESSIONS, 300, 4_000_000));
        for (int i = 0; i < 12; i++) out.put("S" + (char) ('A' + i), InMemoryMarket.randomWalk(10 + i, LAST, SESSIONS, 40 + 5 * i, 1_000_000));
        return out;
    }

    public static InMemoryMarket market() {
        InMemoryMarket m = new InMemoryMarket();
        bars().forEach(m::putDaily);
        return m;
    }

    /** The same bars as {@code <dir>/daily/all.csv} in the layout of the 505-stock file (date,open,high,low,close,volume,Name). */
    public static Path csvFolder(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("date,open,high,low,close,volume,Name\n");
        bars().forEach((sym, list) -> {
            for (Bar b : list) {
                sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%.0f,%s%n", CAL.dateAt(b.start()), b.open(), b.high(), b.low(), b.close(),
                        b.volume(), sym));
            }
        });
        Files.createDirectories(dir.resolve("daily"));
        Files.writeString(dir.resolve("daily/all.csv"), sb);
        return dir;
    }

    /** A planted look-ahead: every read sees one session further than asked (the next session's bar leaks in). */
    public static MarketData leakingNextBar(MarketData inner) {
        return new ForwardingMarketData(inner) {
            private Instant ahead(Instant asOf) {
                LocalDate d = CAL.dateAt(asOf);
                return CAL.closeInstant(CAL.nextTradingDay(d));
            }

            @Override
            public String name() {
                return "leaking " + inner.name();
            }

            @Override
            public List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count) {
                return new ArrayList<>(inner.bars(symbol, timeframe, ahead(asOf), count));
            }
        };
    }
}
