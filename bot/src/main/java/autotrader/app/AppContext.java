package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.config.ConfigException;
import autotrader.config.LoadedConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.csv.CsvMarket;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.scan.ScanService;
import autotrader.scan.Strategy;
import autotrader.store.Store;

import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository;
import autotrader.approvals.LastPrice;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;

/** Wiring: turns a validated configuration into the adapters and services a command needs, built on first use. */
public final class AppContext {

    private final LoadedConfig loaded;
    private final MarketCalendar calendar = MarketCalendar.nyse();
    private Strategy strategy;
    private MarketData market;
    private Store store;

    public AppContext(LoadedConfig loaded) {
        this.loaded = loaded;
    }

    public static AppContext from(ConfigOption option) {
        return new AppContext(option.load());
    }

    public AppConfig config() {
        return loaded.config();
    }

    public LoadedConfig loaded() {
        return loaded;
    }

    public MarketCalendar calendar() {
        return calendar;
    }

    public synchronized Strategy strategy() {
        if (strategy == null) strategy = Strategy.load(loaded.resolve(config().strategy));
        return strategy;
    }

    public synchronized MarketData market() {
        if (market == null) market = createMarket(loaded);
        return market;
    }

    public synchronized Store store() {
        if (store == null) store = Store.open(loaded.resolve(config().state.db), config().state.busyTimeoutMs);
        return store;
    }

    /** The approval service over the current mode's order layer; intents' times are market times on {@code marketClock}. */
    public ApprovalService approvals(OrderLayer orders, Clock marketClock) {
        AppConfig.Approvals a = config().approvals;
        return new ApprovalService(new IntentRepository(store().jdbi()), orders.manager(), store(), marketClock, LastPrice.from(market()),
                new ApprovalService.Settings(Duration.ofSeconds(a.timeoutSeconds), a.maxPriceDriftPct,
                        a.paperAutoApprove && loaded.isPaper()));
    }

    public ScanService scanService(Clock wallClock) {
        return new ScanService(market(), strategy(), calendar, wallClock);
    }

    static MarketData createMarket(LoadedConfig loaded) {
        AppConfig.Market m = loaded.config().market;
        return switch (m.source) {
            case SIM -> new SimMarket(new SimSettings(m.sim.seed, m.sim.symbols, m.sim.startDate));
            case CSV -> new CsvMarket(loaded.resolve(m.csvDir), new HashSet<>(m.benchmarks));
            case SCHWAB -> throw new ConfigException(loaded.file() + ": key 'market.source': schwab market data is not "
                    + "available in this build yet (it arrives with the Schwab client); use sim or csv");
        };
    }
}
