package autotrader.market.store;

import autotrader.market.BadMarketDataException;
import autotrader.market.Timeframe;
import autotrader.market.csv.BarSeries;
import autotrader.market.csv.RecordedMarket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * The market-data port over the {@link BarStore}: the stored 1d, 1m and 5m bars served by the same
 * rules as the csv folder ({@link RecordedMarket}), so a backtest over imported csv files gives the
 * same result from either. Coarser stored timeframes (30m from a Schwab fetch) are kept for other
 * readers; the pipeline's 30m, 1h and 6h bars are aggregated from 1m/5m here as from csv.
 */
public final class StoreMarket extends RecordedMarket {

    /** The timeframes whose stored bars this market reads; every other one is aggregated from them. */
    static final List<Timeframe> BASE = List.of(Timeframe.D1, Timeframe.M1, Timeframe.M5);

    private final BarStore store;
    private final Set<String> intraday = new TreeSet<>();
    private Map<String, StoredBars> allDaily;
    private boolean dailyRead;

    /** @throws BadMarketDataException when the store holds no bars of any base timeframe */
    public StoreMarket(BarStore store, Set<String> benchmarks) {
        super(benchmarks);
        this.store = store;
        Set<String> held = new TreeSet<>(store.symbols(Timeframe.D1));
        intraday.addAll(store.symbols(Timeframe.M1));
        intraday.addAll(store.symbols(Timeframe.M5));
        held.addAll(intraday);
        if (held.isEmpty()) throw noUsableBars();
        offer(held);
    }

    @Override
    public String name() {
        return "store " + store.root();
    }

    @Override
    protected BarSeries recordedDaily(String symbol) {
        Map<String, StoredBars> all = allDaily();
        StoredBars bars = all == null ? null : all.remove(symbol);   // served once (RecordedMarket keeps it), then let go
        return BarSeries.copyOf(bars != null ? bars : store.readColumns(symbol, Timeframe.D1));
    }

    /**
     * Every symbol's daily bars, read in one query on the first daily read (a scan asks for all of
     * them at once), or null when that query failed and each file is read on its own.
     */
    private synchronized Map<String, StoredBars> allDaily() {
        if (!dailyRead) {
            Map<String, StoredBars> read = store.readAllColumns(Timeframe.D1);
            allDaily = read == null ? null : new ConcurrentHashMap<>(read);
            dailyRead = true;
        }
        return allDaily;
    }

    @Override
    protected BarSeries recordedIntraday(String symbol, Timeframe tf) {
        return BarSeries.copyOf(store.readColumns(symbol, tf));
    }

    @Override
    protected boolean hasIntraday(String symbol) {
        return intraday.contains(symbol);
    }

    @Override
    protected long latestEndSec() {
        long latest = Long.MIN_VALUE;
        for (Timeframe tf : BASE) {
            for (String s : store.symbols(tf)) {
                var c = store.coverage(s, tf);
                if (c.isPresent()) latest = Math.max(latest, c.get().last().getEpochSecond());
            }
        }
        return latest;
    }

    @Override
    protected BadMarketDataException noUsableBars() {
        return new BadMarketDataException("bar store " + store.root() + " holds no 1d, 1m or 5m bars: run `autotrader data import --dir FOLDER` "
                + "or `autotrader data fetch --universe FILE` first");
    }
}
