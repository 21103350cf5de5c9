/**
 * Market time and jobs: the wall or simulated market clock, Quartz jobs on market-time crons over
 * the NYSE calendar, and the job journal port.
 */
package autotrader.schedule;
