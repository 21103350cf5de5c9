package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.ForwardingMarketData;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A market view hard-cut at {@code cut}: whatever the caller asks, no bar ending after the cut is
 * ever returned. The look-ahead check recomputes decision inputs on it; if they differ from the
 * inputs computed on the full market, something read a bar from after the decision time.
 */
public final class TruncatedMarket extends ForwardingMarketData {

    private final Instant cut;

    public TruncatedMarket(MarketData inner, Instant cut) {
        super(inner);
        this.cut = cut;
    }

    @Override
    public String name() {
        return inner.name() + " cut at " + cut;
    }

    @Override
    public List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count) {
        Instant at = asOf.isAfter(cut) ? cut : asOf;
        // Ask the source for more than needed and drop anything past the cut ourselves: the source is what is under test.
        List<Bar> got = inner.bars(symbol, timeframe, at, count);
        List<Bar> kept = got.stream().filter(b -> !b.end().isAfter(cut)).toList();
        return kept.size() > count ? kept.subList(kept.size() - count, kept.size()) : kept;
    }

    @Override
    public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
        Instant at = asOf.isAfter(cut) ? cut : asOf;
        return inner.sessionSoFar(symbol, at).filter(b -> !b.end().isAfter(cut));
    }

    @Override
    public void prepareScan(List<String> symbols, Instant asOf, int dailyBars) {
        inner.prepareScan(symbols, asOf.isAfter(cut) ? cut : asOf, dailyBars);
    }

    @Override
    public Instant lastAvailable() {
        Instant last = inner.lastAvailable();
        return last.isAfter(cut) ? cut : last;
    }
}
