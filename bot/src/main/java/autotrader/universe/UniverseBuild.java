package autotrader.universe;

import autotrader.scan.ScannerSettings;
import autotrader.schwab.market.Quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * `universe build`: from the listed securities to the symbols worth scanning. Common stocks only
 * (no ETF, test issue, warrant, right, unit, preferred share or note; no company NASDAQ marks
 * deficient, delinquent or bankrupt), then Schwab's quotes: a Normal security status, the
 * strategy's {@code min_price} on the last price, and its {@code min_avg_dollar_volume} on last price
 * x Schwab's 10-day average volume (the quote has no 20-day figure; the scanner applies its own
 * 20-day filter again at every scan, so this only keeps out what could never pass). Counts what each
 * filter kept, in order.
 */
public final class UniverseBuild {

    private static final Pattern NOT_COMMON = Pattern.compile(
            "(?i)\\b(warrants?|rights?|units?|preferred|notes?|debentures?|when issued)\\b");
    /** NASDAQ financial status: D deficient, E delinquent, Q bankrupt, G/H/J/K combinations of them. */
    private static final Pattern TROUBLED = Pattern.compile("[DEQGHJK]");

    /** The symbols kept and, in order, each filter's name with how many passed it. */
    public record Result(List<String> kept, Map<String, Integer> passed) {
    }

    /**
     * @param quotes fetches Schwab quotes for the symbols given and then answers per symbol (empty: no quote)
     */
    public Result run(List<ListedSymbols.Listing> listed, ScannerSettings filters, Function<List<String>, Function<String, Optional<Quote>>> quotes) {
        Map<String, Integer> passed = new LinkedHashMap<>();
        passed.put("listed", listed.size());
        List<ListedSymbols.Listing> common = new ArrayList<>();
        for (ListedSymbols.Listing l : listed) {
            if (l.etf() || l.testIssue() || NOT_COMMON.matcher(l.name()).find()) continue;
            common.add(l);
        }
        passed.put("common stock (no ETF, test issue, warrant, right, unit, preferred, note)", common.size());
        List<String> sound = common.stream().filter(l -> !TROUBLED.matcher(l.financialStatus().toUpperCase(Locale.ROOT)).find())
                .map(ListedSymbols.Listing::symbol).toList();
        passed.put("not deficient, delinquent or bankrupt", sound.size());
        Function<String, Optional<Quote>> quote = quotes.apply(sound);
        List<Quote> quoted = new ArrayList<>();
        for (String s : sound) quote.apply(s).filter(Quote::normal).filter(q -> Double.isFinite(q.lastPrice())).ifPresent(quoted::add);
        passed.put("quoted by Schwab, status Normal", quoted.size());
        List<Quote> priced = quoted.stream().filter(q -> q.lastPrice() >= filters.minPrice).toList();
        passed.put(String.format(Locale.ROOT, "last price >= $%.2f (min_price)", filters.minPrice), priced.size());
        List<String> kept = priced.stream().filter(q -> Double.isFinite(q.avg10DaysVolume()) && q.lastPrice() * q.avg10DaysVolume() >= filters.minAvgDollarVolume)
                .map(Quote::symbol).toList();
        passed.put(String.format(Locale.ROOT, "last price x 10-day average volume >= $%,.0f (min_avg_dollar_volume)", filters.minAvgDollarVolume), kept.size());
        return new Result(kept, passed);
    }
}
