package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.AppConfig;
import autotrader.config.ConfigException;
import autotrader.config.LoadedConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.csv.CsvMarket;
import autotrader.market.store.BarStore;
import autotrader.market.store.StoreMarket;
import autotrader.schwab.market.SchwabMarketData;
import autotrader.schwab.market.SymbolList;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.scan.ScanService;
import autotrader.scan.Strategy;
import autotrader.schwab.RateLimiter;
import autotrader.schwab.SchwabAuth;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.TokenFile;
import autotrader.store.Store;


import autotrader.config.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.StackedEnsemble;
import autotrader.market.Timeframe;
import autotrader.orders.Broker;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.pipeline.CycleRunner;
import autotrader.predict.Predictors;

import autotrader.schwab.RestBudget;
import autotrader.schwab.SchwabBroker;
import autotrader.trading.TradingSystem;
import java.math.BigDecimal;
import java.util.concurrent.ExecutorService;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import java.util.function.Supplier;
/** Wiring: turns a validated configuration into the adapters and services a command needs, built on first use. */
public final class AppContext {

    private final LoadedConfig loaded;
    private final MarketCalendar calendar = MarketCalendar.nyse();
    private final Strategy strategy;
    private final SourceChoice source;
    private MarketData market;
    private Store store;
    private RateLimiter schwabLimiter;
    private SchwabAuth schwabAuth;
    private SchwabHttp schwabHttp;
    private RestBudget schwabBudget;
    private final ForwardingNotifier schwabAlerts = new ForwardingNotifier();

    public AppContext(LoadedConfig loaded) {
        this.loaded = loaded;
        // First: market.source auto becomes store or sim here, before anything reads the source.
        this.source = SourceChoice.resolve(loaded);
        // Loaded at once because its decision section overrides ensemble.* (model folder, labels) for every reader of the config.
        this.strategy = Strategy.load(loaded.resolve(loaded.config().strategy));
        strategy.applyTo(loaded);
    }

    public static AppContext from(ConfigOption option) {
        return new AppContext(option.load());
    }

    public static AppContext from(ConfigOption option, StrategyOption strategy) {
        return new AppContext(strategy.applyTo(option.load()));
    }

    public AppConfig config() {
        return loaded.config();
    }

    public LoadedConfig loaded() {
        return loaded;
    }

    /** The market source in use and, where market.source is auto, how it was chosen. */
    public SourceChoice source() {
        return source;
    }

    public MarketCalendar calendar() {
        return calendar;
    }

    public Strategy strategy() {
        return strategy;
    }

    public synchronized MarketData market() {
        if (market == null) market = createMarket();
        return market;
    }

    /** Every Schwab REST request of this process counted by minute and kind (`status` shows it). */
    public synchronized RestBudget schwabBudget() {
        if (schwabBudget == null) schwabBudget = new RestBudget(Clock.systemUTC());
        return schwabBudget;
    }

    /** The one limiter in front of every Schwab call of this process: orders, market data and token calls share Schwab's budget. */
    public synchronized RateLimiter schwabLimiter() {
        if (schwabLimiter == null) schwabLimiter = new RateLimiter(config().schwab.requestsPerMinute);
        return schwabLimiter;
    }

    /**
     * Where the Schwab login's alerts ("Schwab login needed", the expiry warning, "renewed") go from
     * now on, whoever built the login and when: the log until the daemon points them at the trader.
     */
    public void schwabAlertsTo(Notifier alerts) {
        schwabAlerts.to(alerts);
    }

    /** The one Schwab login of this process, alerting through {@link #schwabAlertsTo}; refused without the app key and secret. */
    public synchronized SchwabAuth schwabAuth() {
        if (schwabAuth != null) return schwabAuth;
        AppConfig c = config();
        if (!c.schwab.appKey.isResolved() || !c.schwab.appSecret.isResolved()) {
            throw new ConfigException(loaded.file() + ": keys 'schwab.app_key' and 'schwab.app_secret' must be set for Schwab");
        }
        schwabAuth = new SchwabAuth(c.schwab.baseUrl, c.schwab.appKey.value(), c.schwab.appSecret.value(), c.schwab.callbackUrl,
                new TokenFile(loaded.resolve(c.schwab.tokenFile)), SchwabHttp.defaultClient(), schwabLimiter(), Clock.systemUTC(), schwabAlerts);
        return schwabAuth;
    }

    /**
     * The one Schwab HTTP client of this process, shared by the Schwab broker and Schwab market data
     * (one login, one rate limiter). Refused when there is no login yet; {@code why} says who needs it
     * ("mode is live", "market.source is schwab").
     */
    public synchronized SchwabHttp schwabHttp(String why) {
        if (schwabHttp != null) return schwabHttp;
        SchwabAuth auth = schwabAuth();
        Path tokens = loaded.resolve(config().schwab.tokenFile);
        if (!Files.exists(tokens)) {
            throw new ConfigException(loaded.file() + ": " + why + " but there is no Schwab login yet (" + tokens
                    + " does not exist): run `autotrader schwab login` first");
        }
        schwabHttp = new SchwabHttp(config().schwab.baseUrl, auth, schwabLimiter(), SchwabHttp.defaultClient(), SchwabHttp.Retry.defaults(),
                d -> Thread.sleep(d.toMillis())).countInto(schwabBudget());
        return schwabHttp;
    }

    public synchronized Store store() {
        if (store == null) store = Store.open(loaded.resolve(config().state.db), config().state.busyTimeoutMs);
        return store;
    }

    /**
     * The trading objects (orders, reconciler, approvals; rules and loops on request) over this mode's
     * broker, stamped in market time {@code marketNow} (the daemon's clock; a one-shot command passes
     * {@link MarketNow#cli}). Intents are auto-approved only in paper mode with approvals.paper_auto_approve.
     */
    public TradingSystem trading(Supplier<Instant> marketNow, Notifier alerts) {
        return TradingSystem.build(new TradingSystem.Ports(store(), market(), calendar, MarketNow.marketClock(marketNow),
                broker(marketNow, alerts), alerts), config(), config().approvals.paperAutoApprove && loaded.isPaper());
    }

    /**
     * `mode: paper` gives the paper broker filling on this context's market, `mode: live` the Schwab
     * broker (refused without a Schwab login).
     */
    public Broker broker(Supplier<Instant> marketNow, Notifier alerts) {
        AppConfig c = config();
        if (c.mode == Mode.PAPER) {
            return new PaperBroker(store().jdbi(), market(), marketNow,
                    new PaperFillModel(c.paper.slippageBps, c.paper.commissionPerShare, c.paper.commissionMin),
                    BigDecimal.valueOf(c.risk.startingCash), Timeframe.M1);
        }
        // The process's one Schwab client: shared with Schwab market data (one login, one rate limiter).
        // Its login alerts go where schwabAlertsTo says (the daemon: the trader), not to `alerts`.
        return new SchwabBroker(schwabHttp("mode is live"), schwabAuth(), c.schwab.accountNumber, Clock.systemUTC());
    }

    /** The cycle over this context's market, with the committed predictors and (when trained) the ensemble. */
    public CycleRunner cycleRunner(ExecutorService pool, boolean needEnsemble) {
        return cycleRunner(pool, needEnsemble, market());
    }

    /** As {@link #cycleRunner(ExecutorService, boolean)} on another view of the market (bench cycle times the source's calls). */
    public CycleRunner cycleRunner(ExecutorService pool, boolean needEnsemble, MarketData market) {
        Path ensembleDir = loaded.resolve(config().ensemble.modelDir);
        StackedEnsemble ensemble = null;
        if (Files.exists(ensembleDir.resolve("manifest.json"))) {
            try {
                ensemble = EnsembleStore.load(ensembleDir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot load the ensemble from " + ensembleDir + ": " + e.getMessage(), e);
            }
        } else if (needEnsemble) {
            throw new IllegalStateException("no trained ensemble in " + ensembleDir + ": run `autotrader train ensemble` first");
        }
        return cycleRunner(pool, ensemble, market);
    }

    /** A cycle runner around a given ensemble (null: inputs only, as the training sets use). */
    public CycleRunner cycleRunner(ExecutorService pool, StackedEnsemble ensemble) {
        return cycleRunner(pool, ensemble, market());
    }

    private CycleRunner cycleRunner(ExecutorService pool, StackedEnsemble ensemble, MarketData market) {
        // Two timeframes at a time: with OMP_NUM_THREADS=1 this is the fastest split of 2 cores (docs/predictors.md).
        Predictors predictors = new Predictors(loaded.resolve(config().predict.modelsDir)).threads(2);
        return TradingSystem.cycleRunner(config(), market, scanService(market, Clock.systemUTC()), predictors, ensemble, pool);
    }

    public ScanService scanService(Clock wallClock) {
        return scanService(market(), wallClock);
    }

    private ScanService scanService(MarketData market, Clock wallClock) {
        return new ScanService(market, strategy(), calendar, wallClock);
    }

    private MarketData createMarket() {
        AppConfig.Market m = loaded.config().market;
        if (source.refusal() != null) throw new ConfigException(source.refusal());
        return switch (m.source) {
            case AUTO -> throw new IllegalStateException("market.source auto is resolved when the context is built");
            case SIM -> new SimMarket(new SimSettings(m.sim.seed, m.sim.symbols, m.sim.startDate));
            case CSV -> new CsvMarket(loaded.resolve(m.csvDir), new HashSet<>(m.benchmarks));
            case STORE -> new StoreMarket(new BarStore(loaded.resolve(m.storeDir)), new HashSet<>(m.benchmarks));
            case SCHWAB -> schwabMarket(m);
        };
    }

    private MarketData schwabMarket(AppConfig.Market m) {
        Path file = loaded.resolve(m.schwab.universeFile);
        List<String> symbols;
        try {
            symbols = SymbolList.read(file);
        } catch (IOException e) {
            throw new ConfigException(loaded.file() + ": key 'market.schwab.universe_file': cannot read " + file + ": " + e.getMessage());
        }
        if (symbols.isEmpty()) throw new ConfigException(loaded.file() + ": key 'market.schwab.universe_file': " + file + " holds no symbols");
        return new SchwabMarketData(schwabHttp("market.source is schwab"), new SchwabMarketData.Settings(symbols,
                new HashSet<>(m.benchmarks), m.schwab.quoteBatchSize, loaded.resolve(m.schwab.cacheDir)), calendar, Clock.systemUTC());
    }
}
