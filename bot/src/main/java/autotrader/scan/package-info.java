/**
 * Stage 1: the strategy file, its decision cadence, and the momentum scanner that picks the top
 * candidates.
 */
package autotrader.scan;
