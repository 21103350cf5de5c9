/**
 * One cycle (scan, bars, features, predictors, risk, ensemble) with candidates in parallel, the
 * ensemble's inputs, feature rows kept between cycles, and the training sets built by the same
 * path.
 */
package autotrader.pipeline;
