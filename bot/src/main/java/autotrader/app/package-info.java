/**
 * The commands (picocli) and the wiring of configuration to adapters ({@code AppContext}: the
 * market source, the mode's broker, the Schwab client); {@code Daemon} starts, schedules and stops
 * what {@code trading.TradingSystem} builds. Thin: no trading logic lives here.
 */
package autotrader.app;
