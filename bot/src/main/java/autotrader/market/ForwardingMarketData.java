package autotrader.market;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link MarketData} that passes every call to another one; a view that changes one thing (a
 * market cut at a time, a test's guard) overrides only that.
 */
public abstract class ForwardingMarketData implements MarketData {

    protected final MarketData inner;

    protected ForwardingMarketData(MarketData inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public boolean simulated() {
        return inner.simulated();
    }

    @Override
    public List<String> universe() {
        return inner.universe();
    }

    @Override
    public boolean has(String symbol) {
        return inner.has(symbol);
    }

    @Override
    public List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count) {
        return inner.bars(symbol, timeframe, asOf, count);
    }

    @Override
    public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
        return inner.sessionSoFar(symbol, asOf);
    }

    @Override
    public Instant lastAvailable() {
        return inner.lastAvailable();
    }

    @Override
    public void prepareScan(List<String> symbols, Instant asOf, int dailyBars) {
        inner.prepareScan(symbols, asOf, dailyBars);
    }

    @Override
    public void candidatesChosen(List<String> symbols, Instant asOf) {
        inner.candidatesChosen(symbols, asOf);
    }
}
