package autotrader.market.store;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.market.csv.CsvMarket;
import autotrader.market.csv.LoadProblem;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * `data import`: a csv folder in the layouts {@link CsvMarket} reads (the long daily file with a
 * Name column, per-symbol daily files, per-symbol 1-minute and 5-minute files) copied into the bar
 * store. The files are parsed and checked by {@link CsvMarket} itself (bad rows are skipped and
 * reported there, with file and line), so the store holds exactly the bars a csv backtest reads;
 * each symbol's 1d, 1m and 5m bars are stored as recorded, nothing aggregated.
 */
public final class CsvImport {

    /** What an import did: symbols seen, rows read from the files, bars new to the store, rows skipped, seconds taken. */
    public record Summary(int symbols, long barsRead, long barsAdded, List<LoadProblem> problems, double seconds) {
        public double barsPerSecond() {
            return seconds > 0 ? barsRead / seconds : 0;
        }
    }

    private final BarStore store;

    public CsvImport(BarStore store) {
        this.store = store;
    }

    /** Imports every symbol of the folder; {@code progress} gets one line per symbol. */
    public Summary run(Path folder, Consumer<String> progress) {
        long t0 = System.nanoTime();
        // No benchmark is left out of an import: SPY and QQQ are stored like any other symbol.
        CsvMarket csv = new CsvMarket(folder, Set.of());
        String source = "csv";
        List<String> symbols = csv.universe();
        long read = 0, added = 0;
        int i = 0;
        for (String symbol : symbols) {
            i++;
            for (Timeframe tf : StoreMarket.BASE) {
                List<Bar> bars = csv.recorded(symbol, tf);
                if (bars.isEmpty()) continue;
                read += bars.size();
                added += store.write(symbol, tf, bars, source);
            }
            progress.accept(String.format("import %d/%d %s", i, symbols.size(), symbol));
        }
        return new Summary(symbols.size(), read, added, csv.problems(), (System.nanoTime() - t0) / 1e9);
    }
}
