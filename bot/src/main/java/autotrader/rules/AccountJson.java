package autotrader.rules;

import autotrader.market.MarketCalendar;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an account snapshot for `rules explain`:
 * {"equity", "cash", "buying_power", "open_positions", "day_pnl",
 *  "positions": [{"symbol", "quantity", "entry_price", "stop_price"}],
 *  "stop_outs": [{"symbol", "time": "2025-03-11T10:00:00-04:00"}]}.
 * Every field is optional: equity defaults to the starting cash, cash to equity, buying power to cash,
 * open_positions to the number of positions, day_pnl to 0.
 */
public final class AccountJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parsed file; stop-outs still as times, turned into facts against the evaluation's clock. */
    public record Snapshot(Account account, List<Position> positions, List<String> stopOutSymbols, List<Instant> stopOutTimes) {
        public List<StopOut> stopOuts(Instant now, MarketCalendar cal) {
            List<StopOut> out = new ArrayList<>();
            for (int i = 0; i < stopOutSymbols.size(); i++) out.add(TradingTime.stopOut(stopOutSymbols.get(i), stopOutTimes.get(i), now, cal));
            return out;
        }
    }

    private AccountJson() {
    }

    public static Snapshot paper(double startingCash) {
        return new Snapshot(Account.paper(startingCash), List.of(), List.of(), List.of());
    }

    public static Snapshot read(Path file, double startingCash) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputFormatException(file + ": cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) throw new InputFormatException(file + ": empty file");
        JsonFields f = new JsonFields(file.toString(), "", root);

        List<Position> positions = new ArrayList<>();
        JsonNode list = root.get("positions");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) throw f.fail("positions", "must be a list");
            for (int i = 0; i < list.size(); i++) {
                JsonFields p = new JsonFields(file.toString(), "positions[" + i + "]", list.get(i));
                positions.add(new Position(p.text("symbol", true).trim().toUpperCase(), p.integer("quantity", 1, Integer.MAX_VALUE, 0),
                        p.number("entry_price", 0, Double.MAX_VALUE, true), orZero(p.number("stop_price", 0, Double.MAX_VALUE, false))));
            }
        }
        List<String> symbols = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        JsonNode stops = root.get("stop_outs");
        if (stops != null && !stops.isNull()) {
            if (!stops.isArray()) throw f.fail("stop_outs", "must be a list");
            for (int i = 0; i < stops.size(); i++) {
                JsonFields s = new JsonFields(file.toString(), "stop_outs[" + i + "]", stops.get(i));
                symbols.add(s.text("symbol", true).trim().toUpperCase());
                String t = s.text("time", true);
                try {
                    times.add(OffsetDateTime.parse(t).toInstant());
                } catch (DateTimeParseException e) {
                    throw s.fail("time", "must be a date-time with offset like 2025-03-11T10:00:00-04:00, not " + t);
                }
            }
        }
        double equity = f.has("equity") ? f.number("equity", 0, Double.MAX_VALUE, true) : startingCash;
        double cash = f.has("cash") ? f.number("cash", true) : equity;
        double buyingPower = f.has("buying_power") ? f.number("buying_power", 0, Double.MAX_VALUE, true) : Math.max(0, cash);
        int open = f.integer("open_positions", 0, 100_000, positions.size());
        double dayPnl = f.has("day_pnl") ? f.number("day_pnl", true) : 0;
        return new Snapshot(new Account(equity, cash, buyingPower, open, dayPnl), positions, symbols, times);
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
