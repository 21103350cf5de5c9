/**
 * Stage 3: about 98 scale-free features per bar from its trailing window (ta4j 0.17's indicators on
 * primitive arrays, bit for bit: Indicators), one small class per group.
 */
package autotrader.features;
