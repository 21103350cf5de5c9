/**
 * The built-in seeded market simulator (made-up prices, always labelled SIMULATED).
 */
package autotrader.market.sim;
