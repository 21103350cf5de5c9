/**
 * The weekly retrain: a candidate model against the live one on the same held-out samples, a
 * whole-folder swap with crash repair, and the live models the daemon reloads between cycles.
 */
package autotrader.retrain;
