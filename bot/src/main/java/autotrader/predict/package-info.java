/**
 * Stage 4: one LSTM per timeframe (DL4J) predicting the next bar's log return; training, cards and
 * batched inference.
 */
package autotrader.predict;
