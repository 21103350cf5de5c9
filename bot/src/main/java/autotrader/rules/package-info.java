/**
 * The trader's Drools rule files compiled from disk (reloaded on edit; a broken file is refused and
 * the last good rules stay), their facts (signals, account, positions, the model's out-of-sample
 * skill) and results (intents, rejections, entry blocks).
 */
package autotrader.rules;
