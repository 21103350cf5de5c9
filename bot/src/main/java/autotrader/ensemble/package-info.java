/**
 * The decision model: trade-outcome labels, five base models stacked by a meta-learner, the
 * calibrated BUY confidence, the model card with its out-of-sample skill, and the trade the labels
 * describe (which the rules place).
 */
package autotrader.ensemble;
