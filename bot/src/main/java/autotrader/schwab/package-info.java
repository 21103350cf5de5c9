/**
 * The Schwab venue, in one folder: OAuth login, the shared rate-limited HTTP client and the {@code
 * Broker} adapter; its market data and streamer are the sub-packages.
 */
package autotrader.schwab;
