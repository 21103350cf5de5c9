package autotrader.approvals;

import autotrader.market.Bar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** The latest price known at an instant, for the price-drift check. */
@FunctionalInterface
public interface LastPrice {

    OptionalDouble at(String symbol, Instant asOf);

    /** Today's last trade from the session so far, else the close of the latest completed 1-minute (or daily) bar. */
    static LastPrice from(MarketData market) {
        return (symbol, asOf) -> {
            var today = market.sessionSoFar(symbol, asOf);
            if (today.isPresent()) return OptionalDouble.of(today.get().close());
            for (Timeframe tf : new Timeframe[]{Timeframe.M1, Timeframe.D1}) {
                List<Bar> last = market.bars(symbol, tf, asOf, 1);
                if (!last.isEmpty()) return OptionalDouble.of(last.get(0).close());
            }
            return OptionalDouble.empty();
        };
    }
}
