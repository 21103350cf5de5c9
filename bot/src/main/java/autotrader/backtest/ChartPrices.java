package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.util.List;

/** Where the report reads a traded symbol's prices for its chart: {@code market::bars} (the last {@code count} bars ending by {@code asOf}). */
@FunctionalInterface
public interface ChartPrices {

    ChartPrices NONE = (symbol, timeframe, asOf, count) -> List.of();

    List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count);
}
