package autotrader.backtest;

import java.time.LocalDate;

/** The strategy's account at one close: equity marked to market, cash, value of the positions, number of positions. */
public record DailyPoint(LocalDate day, double equity, double cash, double positionsValue, int positions) {
}
