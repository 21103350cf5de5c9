package autotrader.orders;

/** How the main order of a request is priced. */
public enum EntryType {
    MARKET, LIMIT
}
