package autotrader.schwab.stream;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** CHART_EQUITY bars into the bar store, counting what was stored and what was a repeat (shown in `status`). */
public final class StreamBars implements Consumer<ChartBar> {

    private final MinuteBarSink sink;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();

    public StreamBars(MinuteBarSink sink) {
        this.sink = sink;
    }

    @Override
    public void accept(ChartBar b) {
        if (sink.putMinuteBar(b.symbol(), b.bar())) stored.incrementAndGet();
        else repeated.incrementAndGet();
    }

    public long stored() {
        return stored.get();
    }

    /** Bars not stored: received twice, outside the session, or for a symbol the store does not hold. */
    public long notStored() {
        return repeated.get();
    }
}
