/**
 * Stage 5: GARCH(1,1) volatility forecasts, copula dependence with SPY and QQQ, and the eight risk
 * features.
 */
package autotrader.risk;
