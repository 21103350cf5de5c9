package autotrader.scan;

import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Runs one scan of the strategy's universe as of an instant: load inputs, score, rank. */
public final class ScanService {

    private final MarketData market;
    private final Strategy strategy;
    private final Scanner scanner;
    private final ScanInputLoader loader;
    private final Clock wallClock;

    public ScanService(MarketData market, Strategy strategy, MarketCalendar calendar, Clock wallClock) {
        this.market = market;
        this.strategy = strategy;
        this.scanner = new Scanner(strategy.scanner);
        this.loader = new ScanInputLoader(market, calendar);
        this.wallClock = wallClock;
    }

    public ScanResult scan(Instant asOf) {
        Instant started = wallClock.instant();
        long t0 = System.nanoTime();
        List<String> symbols = strategy.select(market.universe());
        int historyDays = strategy.scanner.minHistoryDays + 5;
        market.prepareScan(symbols, asOf, ScanInputLoader.dailyBarsRead(historyDays));
        ScanInputLoader.Loaded loaded = loader.load(symbols, asOf, historyDays);
        List<Candidate> ranked = scanner.rank(loaded.inputs());
        market.candidatesChosen(ranked.stream().map(Candidate::symbol).toList(), asOf);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new ScanResult(asOf, started, market.name(), market.simulated(), strategy.name, symbols.size(),
                loaded.inputs().size(), loaded.skipped(), ms, ranked);
    }

    public Scanner scanner() {
        return scanner;
    }

    public ScanInputLoader loader() {
        return loader;
    }
}
