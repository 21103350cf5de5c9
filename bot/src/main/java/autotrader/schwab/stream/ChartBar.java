package autotrader.schwab.stream;

import autotrader.market.Bar;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Locale;

/**
 * One CHART_EQUITY item: a 1-minute bar. The field numbers are SCHWAB.md 9's (the official docs list
 * them wrongly): 0 key, 1 sequence, 2 open, 3 high, 4 low, 5 close, 6 volume, 7 chart time (epoch ms,
 * the bar's open), 8 chart day. The key also arrives as {@code "key"}.
 */
public record ChartBar(String symbol, long sequence, Bar bar) {

    public static final String SERVICE = "CHART_EQUITY";
    public static final String FIELDS = "0,1,2,3,4,5,6,7,8";

    /** @throws IllegalArgumentException naming what is wrong with the item (missing key or time, an invalid bar) */
    public static ChartBar parse(JsonNode item) {
        JsonNode keyNode = item.hasNonNull("key") ? item.get("key") : item.get("0");
        String key = keyNode == null ? "" : keyNode.asText("").trim().toUpperCase(Locale.ROOT);
        if (key.isEmpty()) throw new IllegalArgumentException("CHART_EQUITY item without a key");
        long time = StreamFrames.number(item.get("7"), Long.MIN_VALUE);
        if (time == Long.MIN_VALUE) throw new IllegalArgumentException("CHART_EQUITY " + key + ": no chart time (field 7)");
        Instant start = Instant.ofEpochMilli(time);
        Bar b = new Bar(start, start.plusSeconds(60), StreamFrames.decimal(item.get("2")), StreamFrames.decimal(item.get("3")),
                StreamFrames.decimal(item.get("4")), StreamFrames.decimal(item.get("5")), StreamFrames.decimal(item.get("6")));
        String problem = b.problem();
        if (problem != null) throw new IllegalArgumentException("CHART_EQUITY " + key + " at " + start + ": " + problem);
        return new ChartBar(key, StreamFrames.number(item.get("1"), -1), b);
    }
}
