/**
 * The charting library's WebJar (uPlot), named once, for the desk and the backtest report.
 */
package autotrader.charts;
