package autotrader.config;

import java.util.Locale;

/** What a training row's label says; see docs/ensemble.md. */
public enum LabelKind {
    /** BUY / SELL when that side's trade beats min_edge after costs (TradeLabeler). */
    TRADE,
    /** BUY / SELL when the long trade's net return per sigma is above / below the decision time's median by the margin. */
    RELATIVE,
    /**
     * As RELATIVE on the return before costs (gross = net + round trip): a fixed cost is many more sigmas of a quiet
     * name, so the net per-sigma ranking still rewards volatility; the gross one leaves the direction alone.
     */
    RELATIVE_GROSS;

    public static LabelKind parse(String s) {
        if (s == null) return TRADE;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "trade" -> TRADE;
            case "relative" -> RELATIVE;
            case "relative_gross" -> RELATIVE_GROSS;
            default -> throw new IllegalArgumentException("unknown label '" + s + "' (trade, relative or relative_gross)");
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

