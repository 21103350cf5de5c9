package autotrader.orders;

/** New entries are paused (`autotrader pause`); exits and protection still go out. */
public class TradingPausedException extends IllegalStateException {
    public TradingPausedException(String message) {
        super(message);
    }
}
