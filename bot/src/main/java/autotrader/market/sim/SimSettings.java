package autotrader.market.sim;

import java.time.LocalDate;

/**
 * What makes one simulated market: the seed (same seed, same bars), how many made-up stocks it
 * lists, and the first simulated session (bars before it do not exist).
 */
public record SimSettings(long seed, int symbols, LocalDate startDate) {

    public static final int DEFAULT_SYMBOLS = 1453;
    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 2);

    public SimSettings {
        if (symbols < 1 || symbols > 99_999) throw new IllegalArgumentException("symbols must be 1..99999, got " + symbols);
        if (startDate == null) startDate = DEFAULT_START;
    }

    /** 1,453 stocks from 2024-01-02. */
    public SimSettings(long seed) {
        this(seed, DEFAULT_SYMBOLS, DEFAULT_START);
    }

    /** 1,453 stocks from 2024-01-02. */
    public static SimSettings withSeed(long seed) {
        return new SimSettings(seed, DEFAULT_SYMBOLS, DEFAULT_START);
    }
}
