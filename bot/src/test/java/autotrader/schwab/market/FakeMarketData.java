package autotrader.schwab.market;

import autotrader.market.MarketCalendar;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The market-data half of the fake Schwab server (SCHWAB.md 11): GET /marketdata/v1/quotes (an object
 * keyed by symbol, unknown symbols left out) and GET /marketdata/v1/pricehistory (400 outside the
 * allowed combinations, candles filtered by startDate/endDate, {@code empty:true} when none), in the
 * real JSON shapes of SCHWAB.md 3.1 and 3.2. Plugged into {@code FakeSchwab.marketData}, which does the
 * bearer check and the 429/malformed fault modes. Records every call.
 */
public final class FakeMarketData implements Function<HttpUrl, MockResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final MarketCalendar CAL = MarketCalendar.nyse();

    public final Map<String, ObjectNode> quotes = new HashMap<>();
    /** symbol|frequencyType|frequency -> candles in time order. */
    public final Map<String, List<ObjectNode>> candles = new HashMap<>();
    public final List<List<String>> quoteCalls = Collections.synchronizedList(new ArrayList<>());
    public final List<HttpUrl> historyCalls = Collections.synchronizedList(new ArrayList<>());
    /** Price history for these symbols answers 200 with a truncated body. */
    public final Set<String> malformedHistory = new HashSet<>();
    /** Price history for these symbols answers 404 with the errors[] shape. */
    public final Set<String> notFound = new HashSet<>();
    private int serial;

    @Override
    public synchronized MockResponse apply(HttpUrl url) {
        String path = url.encodedPath();
        if (path.equals("/marketdata/v1/quotes")) return quotes(url);
        if (path.equals("/marketdata/v1/pricehistory")) return history(url);
        return json(404, "{\"errors\":[{\"id\":\"q\",\"status\":\"404\",\"title\":\"Not Found\",\"detail\":\"no such path\"}]}");
    }

    private MockResponse quotes(HttpUrl url) {
        List<String> symbols = Arrays.asList(url.queryParameter("symbols").split(","));
        quoteCalls.add(symbols);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode invalid = JSON.createArrayNode();
        for (String s : symbols) {
            ObjectNode q = quotes.get(s);
            if (q != null) root.set(s, q);
            else invalid.add(s);
        }
        if (!invalid.isEmpty()) root.putObject("errors").set("invalidSymbols", invalid);
        return json(200, root.toString());
    }

    private MockResponse history(HttpUrl url) {
        historyCalls.add(url);
        String symbol = url.queryParameter("symbol");
        String periodType = url.queryParameter("periodType"), frequencyType = url.queryParameter("frequencyType");
        int frequency = Integer.parseInt(url.queryParameter("frequency"));
        boolean ok = switch (periodType) {
            case "day" -> frequencyType.equals("minute");
            case "month" -> List.of("daily", "weekly").contains(frequencyType);
            case "year", "ytd" -> List.of("daily", "weekly", "monthly").contains(frequencyType);
            default -> false;
        };
        ok &= frequencyType.equals("minute") ? List.of(1, 5, 10, 15, 30).contains(frequency) : frequency == 1;
        if (!ok) return json(400, "{\"errors\":[{\"id\":\"b\",\"status\":400,\"title\":\"Bad Request\",\"detail\":\"invalid frequency combination\"}]}");
        if (notFound.contains(symbol)) return json(404, "{\"errors\":[{\"id\":\"n\",\"status\":\"404\",\"title\":\"Not Found\",\"detail\":\"Symbol not found\"}]}");
        if (malformedHistory.contains(symbol)) return json(200, "{\"symbol\":\"" + symbol + "\",\"empty\":false,\"candles\":[{\"open\":228.4,\"hi");
        long start = Long.parseLong(url.queryParameter("startDate")), end = Long.parseLong(url.queryParameter("endDate"));
        ObjectNode root = JSON.createObjectNode().put("symbol", symbol);
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode c : candles.getOrDefault(symbol + "|" + frequencyType + "|" + frequency, List.of())) {
            long t = c.path("datetime").asLong(start);       // a broken candle without a time is sent as it is
            if (t >= start && t <= end) out.add(c);
        }
        root.put("empty", out.isEmpty());
        root.set("candles", out);
        return json(200, root.toString());
    }

    /** Regular-session candles every {@code minutes} from {@code from} to {@code to}, plus pre- and after-market ones when asked. */
    public synchronized void addMinuteCandles(String symbol, int minutes, LocalDate from, LocalDate to, boolean extended) {
        List<ObjectNode> list = candles.computeIfAbsent(symbol + "|minute|" + minutes, k -> new ArrayList<>());
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!CAL.isTradingDay(d)) continue;
            Instant open = CAL.openInstant(d), close = CAL.closeInstant(d);
            if (extended) list.add(candle(open.minusSeconds(3600)));
            for (Instant t = open; t.isBefore(close); t = t.plusSeconds(minutes * 60L)) list.add(candle(t));
            if (extended) list.add(candle(close.plusSeconds(1800)));
        }
    }

    /** Daily candles stamped 00:00 America/Chicago, as Schwab does. */
    public synchronized void addDailyCandles(String symbol, LocalDate from, LocalDate to) {
        List<ObjectNode> list = candles.computeIfAbsent(symbol + "|daily|1", k -> new ArrayList<>());
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (CAL.isTradingDay(d)) list.add(candle(d.atStartOfDay(CHICAGO).toInstant()));
        }
    }

    /** A made-up but consistent candle: prices drift up a cent per candle, volume grows by one. */
    private ObjectNode candle(Instant t) {
        int i = serial++;
        double base = 100 + i * 0.01;
        return JSON.createObjectNode().put("open", round(base)).put("high", round(base + 0.5)).put("low", round(base - 0.5))
                .put("close", round(base + 0.1)).put("volume", 1000 + i).put("datetime", t.toEpochMilli());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The SCHWAB.md 3.1 quote shape. */
    public synchronized void addQuote(String symbol, double open, double high, double low, double last, long volume, Instant tradeTime, String status) {
        ObjectNode e = JSON.createObjectNode().put("assetMainType", "EQUITY").put("assetSubType", "COE").put("quoteType", "NBBO")
                .put("realtime", true).put("ssid", 1973757747L).put("symbol", symbol);
        e.putObject("quote").put("lastPrice", last).put("closePrice", open - 1).put("openPrice", open).put("highPrice", high).put("lowPrice", low)
                .put("netChange", last - open + 1).put("netPercentChange", 1.17165626).put("totalVolume", volume).put("bidPrice", last - 0.01)
                .put("askPrice", last + 0.01).put("mark", last).put("quoteTime", tradeTime.toEpochMilli()).put("tradeTime", tradeTime.toEpochMilli())
                .put("securityStatus", status).put("52WeekHigh", high * 1.1).put("52WeekLow", low * 0.7);
        e.putObject("fundamental").put("avg10DaysVolume", 37498265.0).put("avg1YearVolume", 58820585.0).put("eps", 6.13).put("peRatio", 35.35277);
        quotes.put(symbol, e);
    }

    public int historyCallsFor(String symbol) {
        synchronized (historyCalls) {
            return (int) historyCalls.stream().filter(u -> symbol.equals(u.queryParameter("symbol"))).count();
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
