/**
 * Stage 3: about 98 scale-free features per bar from its trailing window (ta4j), one small class
 * per group.
 */
package autotrader.features;
