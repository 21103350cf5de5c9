package autotrader.predict;

import autotrader.features.FeatureEngine;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import java.util.stream.IntStream;
/**
 * Builds a {@link SequenceDataset} from bars. For each symbol:
 * <ol>
 * <li>bars are split into gap-free runs (consecutive bars of a session, or the last bar of a session
 * followed by the first bar of the next trading session; for 1d consecutive trading days);</li>
 * <li>a candidate sample is a bar t whose sequence bars t-N+1..t and target bar t+1 lie in one run,
 * with at least {@link #MIN_HISTORY} bars of history behind the sequence's first bar (so its
 * features are out of warm-up);</li>
 * <li>when there are more candidates than {@code maxSamples}, whole blocks of {@link #BLOCK}
 * consecutive candidates are kept, evenly spaced over the symbols (in order) and over time, so
 * the sequences of a block share their feature rows;</li>
 * <li>feature rows are computed only for the bars the kept samples need, each from the
 * {@link FeatureEngine#WINDOW_BARS} bars ending at it (exactly {@code FeatureEngine.compute}'s row,
 * i.e. what {@code latest} gives live). Scanner features have no history and are NaN.</li>
 * </ol>
 */
public final class DatasetBuilder {

    /** Consecutive candidate samples kept together when sampling down. */
    public static final int BLOCK = 32;
    /** Bars of history required before a sequence's first bar (the longest feature lookback is 55). */
    public static final int MIN_HISTORY = 55;

    private final MarketCalendar calendar;

    public DatasetBuilder(MarketCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * Reads each symbol's bars of the timeframe ending in [from, to] (from may be null: all history)
     * and builds the dataset. Symbols with too few bars are skipped; with {@code symbolLimit > 0} only
     * the first that many symbols with enough bars are used.
     */
    public SequenceDataset build(MarketData market, List<String> symbols, int symbolLimit, Timeframe tf, Instant from, Instant to,
                                 int sequenceLength, int maxSamples, Consumer<String> progress) {
        int count = from == null ? Integer.MAX_VALUE : estimateBars(tf, from, to);
        Map<String, List<Bar>> bars = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (String symbol : symbols) {
            if (symbolLimit > 0 && bars.size() >= symbolLimit) break;
            List<Bar> all = market.bars(symbol, tf, to, count);
            List<Bar> kept = new ArrayList<>(all.size());
            for (Bar b : all) if (from == null || !b.start().isBefore(from)) kept.add(b);
            if (kept.size() >= MIN_HISTORY + sequenceLength + 1) bars.put(symbol, kept);
        }
        progress.accept(String.format("%s: bars of %d symbols read in %.1f s", tf, bars.size(), (System.nanoTime() - t0) / 1e9));
        return build(bars, tf, sequenceLength, maxSamples, progress);
    }

    /** Builds the dataset from bars already in memory (oldest first per symbol). */
    public SequenceDataset build(Map<String, List<Bar>> barsBySymbol, Timeframe tf, int sequenceLength, int maxSamples,
                                 Consumer<String> progress) {
        // 1. candidate blocks, in symbol order then time order
        record Block(String symbol, int firstEnd, int lastEnd) {
        }
        List<Block> blocks = new ArrayList<>();
        long candidates = 0;
        for (Map.Entry<String, List<Bar>> e : barsBySymbol.entrySet()) {
            List<Bar> bars = e.getValue();
            int runStart = 0;
            for (int i = 1; i <= bars.size(); i++) {
                if (i < bars.size() && contiguous(bars.get(i - 1), bars.get(i), tf)) continue;
                int runEnd = i - 1; // run is [runStart, runEnd]
                int firstT = Math.max(runStart + sequenceLength - 1, MIN_HISTORY + sequenceLength - 1);
                int lastT = runEnd - 1; // t+1 must be inside the run
                for (int a = firstT; a <= lastT; a += BLOCK) {
                    int b = Math.min(lastT, a + BLOCK - 1);
                    blocks.add(new Block(e.getKey(), a, b));
                    candidates += b - a + 1;
                }
                runStart = i;
            }
        }
        // 2. keep evenly spaced blocks when there are too many candidates
        double keepFraction = candidates <= maxSamples ? 1.0 : maxSamples / (double) candidates;
        List<Block> kept = new ArrayList<>();
        for (int j = 0; j < blocks.size(); j++) {
            if (keepFraction >= 1.0 || Math.floor((j + 1) * keepFraction) > Math.floor(j * keepFraction)) kept.add(blocks.get(j));
        }
        // 3. features for the rows the kept blocks need (each block: one segment of rows)
        long t0 = System.nanoTime();
        List<SequenceDataset.Segment> segments = new ArrayList<>();
        List<SequenceDataset.Sample> samples = new ArrayList<>();
        Map<String, FeatureEngine> engines = new LinkedHashMap<>();
        List<Object[]> jobs = new ArrayList<>();
        for (Block b : kept) jobs.add(new Object[]{b.symbol(), b.firstEnd() - sequenceLength + 1, b.lastEnd()});
        double[][][] rowsOfJob = new double[jobs.size()][][];
        IntStream.range(0, jobs.size()).parallel().forEach(j -> {
            String symbol = (String) jobs.get(j)[0];
            int first = (int) jobs.get(j)[1], last = (int) jobs.get(j)[2];
            List<Bar> bars = barsBySymbol.get(symbol);
            FeatureEngine engine = new FeatureEngine(symbol, tf);
            rowsOfJob[j] = engine.rows(bars.subList(0, last + 1), first, null);
        });
        for (int j = 0; j < kept.size(); j++) {
            Block b = kept.get(j);
            List<Bar> bars = barsBySymbol.get(b.symbol());
            int first = b.firstEnd() - sequenceLength + 1;
            Instant[] ends = new Instant[rowsOfJob[j].length];
            for (int r = 0; r < ends.length; r++) ends[r] = bars.get(first + r).end();
            int seg = segments.size();
            segments.add(new SequenceDataset.Segment(b.symbol(), first, rowsOfJob[j], ends));
            for (int t = b.firstEnd(); t <= b.lastEnd(); t++) {
                Bar now = bars.get(t), next = bars.get(t + 1);
                samples.add(new SequenceDataset.Sample(seg, t - first, b.symbol(), bars.get(t - sequenceLength + 1).start(),
                        now.end(), next.end(), Math.log(next.close() / now.close()), now.close()));
            }
        }
        engines.clear();
        long rowCount = segments.stream().mapToLong(s -> s.rows().length).sum();
        progress.accept(String.format("%s: %d of %d candidate samples kept (%d symbols), %d feature rows in %.1f s", tf,
                samples.size(), candidates, barsBySymbol.size(), rowCount, (System.nanoTime() - t0) / 1e9));
        return new SequenceDataset(tf, sequenceLength, FeatureEngine.featureNames(), segments, samples, candidates);
    }

    /** True when bar b directly follows bar a with no missing data between them. */
    boolean contiguous(Bar a, Bar b, Timeframe tf) {
        if (tf == Timeframe.D1) {
            LocalDate da = calendar.dateAt(a.start()), db = calendar.dateAt(b.start());
            return calendar.nextTradingDay(da).equals(db);
        }
        if (b.start().equals(a.end())) return true;
        LocalDate da = calendar.dateAt(a.start());
        LocalDate next = calendar.nextTradingDay(da);
        return a.end().equals(calendar.closeInstant(da)) && b.start().equals(calendar.openInstant(next));
    }

    private int estimateBars(Timeframe tf, Instant from, Instant to) {
        LocalDate d = calendar.dateAt(from), last = calendar.dateAt(to);
        int days = 0;
        for (; !d.isAfter(last); d = d.plusDays(1)) if (calendar.isTradingDay(d)) days++;
        return (days + 2) * tf.barsPerSession();
    }
}
