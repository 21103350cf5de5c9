package autotrader.market;

/**
 * Market data that cannot be used at all: a csv folder that does not exist or holds no usable
 * bar. The command stops with exit code 2, as for a bad config, instead of trading or scanning on
 * nothing (a scan "as of" the epoch). One bad file among good ones is not this: it is reported and
 * skipped.
 */
public class BadMarketDataException extends IllegalArgumentException {
    public BadMarketDataException(String message) {
        super(message);
    }
}
