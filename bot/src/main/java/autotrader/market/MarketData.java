package autotrader.market;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The market-data port. Adapters: the seeded simulator, a folder of csv bar files, and Schwab.
 * Every read takes an {@code asOf} instant and returns only what was known then: a bar is
 * returned only once it is complete (its end is at or before asOf). That single rule is what keeps
 * live, paper and backtest free of look-ahead.
 */
public interface MarketData {

    /** A short name for logs and reports; a simulated source says so in its name. */
    String name();

    /** True when the prices are made up by the simulator rather than recorded from a market. */
    boolean simulated();

    /** The symbols the scanner may pick from (benchmarks such as SPY and QQQ excluded). */
    List<String> universe();

    /** Whether this source holds bars for the symbol at all (benchmarks included). */
    boolean has(String symbol);

    /**
     * The last {@code count} completed bars of the timeframe with end <= asOf, oldest first.
     * Fewer (or none) when the history is shorter; never a bar that was still forming at asOf.
     */
    List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count);

    /**
     * The regular session that is open at asOf, summed up to asOf from its completed bars (the
     * "today so far" bar a scanner looks at). Empty when no session is open at asOf or the source
     * has no intraday bars for that day.
     */
    Optional<Bar> sessionSoFar(String symbol, Instant asOf);

    /** The latest instant this source has data for, to default "as of" when the clock is past it. */
    Instant lastAvailable();

    /**
     * Called by the scanner once per scan, before it reads the symbols (each one's last
     * {@code dailyBars} daily bars and {@link #sessionSoFar}), so that a source can fetch or make
     * them in bulk (Schwab: batched quotes for {@link #sessionSoFar}; recorded bars: the files read on
     * all cores; the simulator: the days made on all cores) rather than one symbol at a time. Nothing
     * by default.
     */
    default void prepareScan(List<String> symbols, Instant asOf, int dailyBars) {
    }

    /**
     * Called by the scanner after each scan with the candidates it chose, best first, so that a live
     * source can follow them (Schwab: the streamed 1-minute bars). Nothing by default.
     */
    default void candidatesChosen(List<String> symbols, Instant asOf) {
    }
}
