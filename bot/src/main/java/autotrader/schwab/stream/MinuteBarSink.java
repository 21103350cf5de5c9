package autotrader.schwab.stream;

import autotrader.market.Bar;

/**
 * Where streamed 1-minute bars go: the bar store the daemon reads. One method, so that moving to
 * another store is the one line that passes a different sink (today {@code SchwabMarketData::putStreamedMinute}).
 */
@FunctionalInterface
public interface MinuteBarSink {

    /** @return true when stored; false for a duplicate or a bar the store does not take */
    boolean putMinuteBar(String symbol, Bar minute);
}
