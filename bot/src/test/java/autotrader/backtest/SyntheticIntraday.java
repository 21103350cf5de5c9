package autotrader.backtest;

import autotrader.market.MarketCalendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small intraday market for cadence tests: seeded minute random walks for a few stocks plus SPY and
 * QQQ, written as {@code intraday/us_1min/<SYM>_1min.csv} in the layout of ../shared/data (naive New
 * York time, labelled by bar start). The csv source aggregates 5m..1d from them. The sessions lie after
 * the committed predictors' training data (2026-03), so a backtest on them passes the model checks.
 */
public final class SyntheticIntraday {

    public static final MarketCalendar CAL = MarketCalendar.nyse();
    public static final LocalDate FIRST = LocalDate.of(2026, 4, 1);
    public static final List<String> SYMBOLS = List.of("SPY", "QQQ", "SA", "SB", "SC", "SD");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private SyntheticIntraday() {
    }

    /** The first {@code sessions} NYSE sessions from {@link #FIRST}. */
    public static List<LocalDate> sessions(int sessions) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = FIRST; out.size() < sessions; d = d.plusDays(1)) if (CAL.isTradingDay(d)) out.add(d);
        return out;
    }

    public static Path csvFolder(Path dir, int sessions) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("intraday/us_1min"));
        List<LocalDate> days = sessions(sessions);
        for (int s = 0; s < SYMBOLS.size(); s++) {
            String sym = SYMBOLS.get(s);
            SplittableRandom rnd = new SplittableRandom(100 + s);
            double price = 50 + 25 * s;
            // Each stock gets its own drift, so some rank high on momentum and the scanner has candidates.
            double drift = (s % 3 - 1) * 0.00004;
            StringBuilder sb = new StringBuilder("datetime,open,high,low,close,volume\n");
            for (LocalDate d : days) {
                LocalDateTime t = CAL.openInstant(d).atZone(NEW_YORK).toLocalDateTime();
                LocalDateTime close = CAL.closeInstant(d).atZone(NEW_YORK).toLocalDateTime();
                for (; t.isBefore(close); t = t.plusMinutes(1)) {
                    double open = price;
                    price = Math.max(1, price * Math.exp(drift + 0.0012 * rnd.nextGaussian()));
                    double high = Math.max(open, price) * (1 + 0.0004 * rnd.nextDouble());
                    double low = Math.min(open, price) * (1 - 0.0004 * rnd.nextDouble());
                    long volume = 20_000 + rnd.nextInt(40_000) * (sym.startsWith("S") && sym.length() == 2 ? 1 : 10L);
                    sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%d%n", t.format(TIME), open, high, low, price, volume));
                }
            }
            Files.writeString(folder.resolve(sym + "_1min.csv"), sb);
        }
        return dir;
    }
}
