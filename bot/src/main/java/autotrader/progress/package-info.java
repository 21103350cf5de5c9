/**
 * Progress of long work (units done of the total, with an ETA) as a bar on a terminal or a plain
 * line otherwise, always on stderr.
 */
package autotrader.progress;
