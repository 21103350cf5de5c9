package autotrader.pipeline;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.risk.GarchFit;
import autotrader.risk.RiskAssessment;
import autotrader.risk.RiskModel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The risk assessment of each symbol and timeframe, kept between cycles and recomputed only when its
 * inputs change. Between two 5-minute cycles a candidate's 30m, 1h, 6h and 1d bars (and SPY's and QQQ's)
 * are the same until a bar of that timeframe closes, and {@link RiskModel#assess} depends on nothing but
 * those bars: an assessment whose inputs have the same 64-bit fingerprint (every bar the model reads,
 * every value's bits) is the one computed from them. A new assessment warm-starts its GARCH fit from
 * the symbol's previous fit on that timeframe, as before. One entry per symbol and timeframe.
 */
final class RiskAssessments {

    private record Entry(long fingerprint, RiskAssessment assessment, GarchFit warmStart) {
    }

    private final RiskModel model = new RiskModel();
    private final Map<String, Entry> last = new ConcurrentHashMap<>();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong computed = new AtomicLong();

    RiskAssessment assess(String symbol, Timeframe tf, List<Bar> candidate, List<Bar> spy, List<Bar> qqq, Instant asOf) {
        String key = symbol + '|' + tf.label();
        long fingerprint = fingerprint(asOf, candidate, spy, qqq);
        Entry previous = last.get(key);
        if (previous != null && previous.fingerprint() == fingerprint) {
            reused.incrementAndGet();
            return previous.assessment();
        }
        GarchFit warm = previous == null ? null : previous.warmStart();
        RiskAssessment a = model.assess(candidate, spy, qqq, asOf, warm);
        last.put(key, new Entry(fingerprint, a, a.garchFit() != null ? a.garchFit() : warm));
        computed.incrementAndGet();
        return a;
    }

    long reused() {
        return reused.get();
    }

    long computed() {
        return computed.get();
    }

    /** FNV-1a over each list's bars that end by asOf (all when null): times and OHLCV bits, and each list's length. */
    static long fingerprint(Instant asOf, List<Bar> candidate, List<Bar> spy, List<Bar> qqq) {
        long limit = asOf == null ? Long.MAX_VALUE : asOf.toEpochMilli();
        long h = 0xcbf29ce484222325L;
        for (List<Bar> bars : List.of(nonNull(candidate), nonNull(spy), nonNull(qqq))) {
            int n = 0;
            for (Bar b : bars) {
                if (b == null || b.end() == null || b.end().toEpochMilli() > limit) continue;
                n++;
                h = mix(h, b.start() == null ? 0 : b.start().toEpochMilli());
                h = mix(h, b.end().toEpochMilli());
                h = mix(h, Double.doubleToRawLongBits(b.open()));
                h = mix(h, Double.doubleToRawLongBits(b.high()));
                h = mix(h, Double.doubleToRawLongBits(b.low()));
                h = mix(h, Double.doubleToRawLongBits(b.close()));
                h = mix(h, Double.doubleToRawLongBits(b.volume()));
            }
            h = mix(h, n);
        }
        return h;
    }

    private static List<Bar> nonNull(List<Bar> bars) {
        return bars == null ? List.of() : bars;
    }

    private static long mix(long h, long v) {
        h ^= v;
        return h * 0x100000001b3L;
    }
}
