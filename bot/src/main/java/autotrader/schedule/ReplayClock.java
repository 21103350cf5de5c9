package autotrader.schedule;

import java.time.Instant;

/** Market time set step by step by whoever replays the market (soak runs, backtests): it stands still between steps. */
public final class ReplayClock extends MarketClock {

    private volatile Instant now;

    public ReplayClock(Instant start) {
        this.now = start;
    }

    public void set(Instant t) {
        now = t;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public Instant wallTimeOf(Instant marketTime) {
        return Instant.now();
    }

    @Override
    public void skipTo(Instant marketTime) {
        if (marketTime.isAfter(now)) now = marketTime;
    }

    @Override
    public boolean isSimulated() {
        return true;
    }
}
