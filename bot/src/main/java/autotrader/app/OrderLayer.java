package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.config.ConfigException;
import autotrader.config.Mode;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.orders.Alerts;
import autotrader.orders.Broker;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.Reconciler;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.schwab.RateLimiter;
import autotrader.schwab.SchwabAuth;
import autotrader.schwab.SchwabBroker;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.TokenFile;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Wiring of the order layer: `mode: paper` gives the paper broker, `mode: live` the Schwab broker
 * (refused without a Schwab login). The daemon calls {@link #reconciler()}.reconcile() before any job
 * and then every minute or so ({@link Reconciler#runEvery}).
 */
public final class OrderLayer {

    private final OrderManager manager;
    private final Reconciler reconciler;

    private OrderLayer(OrderManager manager, Reconciler reconciler) {
        this.manager = manager;
        this.reconciler = reconciler;
    }

    public OrderManager manager() {
        return manager;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** {@code marketNow}: market time (the sim clock's time in the daemon; the CLI passes wall time capped at the data's end). */
    public static OrderLayer create(AppContext ctx, Supplier<Instant> marketNow, Alerts alerts) {
        Broker broker = broker(ctx, marketNow, alerts);
        Store store = ctx.store();
        Clock clock = Clock.systemUTC();
        OrderManager m = new OrderManager(broker, new OrderRepository(store.jdbi(), clock), new ControlFlags(store.jdbi(), clock),
                alerts, CrashPoints.NONE, clock);
        return new OrderLayer(m, new Reconciler(m, alerts));
    }

    /** Market time for one-shot commands: now, or the end of the data when the source stops before now. */
    static Supplier<Instant> cliMarketNow(AppContext ctx) {
        return () -> {
            Instant now = Instant.now();
            if (ctx.config().mode == Mode.LIVE) return now;
            Instant last = ctx.market().lastAvailable();
            return last.isBefore(now) ? last : now;
        };
    }

    static Broker broker(AppContext ctx, Supplier<Instant> marketNow, Alerts alerts) {
        AppConfig c = ctx.config();
        if (c.mode == Mode.PAPER) {
            MarketData market = ctx.market();
            return new PaperBroker(ctx.store().jdbi(), market, marketNow,
                    new PaperFillModel(c.paper.slippageBps, c.paper.commissionPerShare, c.paper.commissionMin),
                    BigDecimal.valueOf(c.risk.startingCash), Timeframe.M1);
        }
        SchwabAuth auth = schwabAuth(ctx, alerts);
        Path tokens = ctx.loaded().resolve(c.schwab.tokenFile);
        if (!Files.exists(tokens)) {
            throw new ConfigException(ctx.loaded().file() + ": mode is live but there is no Schwab login yet (" + tokens
                    + " does not exist): run `autotrader schwab login` first");
        }
        RateLimiter limiter = sharedLimiter(c);
        SchwabHttp http = new SchwabHttp(c.schwab.baseUrl, auth, limiter, SchwabHttp.defaultClient(), SchwabHttp.Retry.defaults(),
                d -> Thread.sleep(d.toMillis()));
        return new SchwabBroker(http, auth, c.schwab.accountNumber, Clock.systemUTC());
    }

    private static RateLimiter limiter;

    /** One limiter per process: orders and (later) market data share Schwab's per-minute budget. */
    static synchronized RateLimiter sharedLimiter(AppConfig c) {
        if (limiter == null) limiter = new RateLimiter(c.schwab.requestsPerMinute);
        return limiter;
    }

    static SchwabAuth schwabAuth(AppContext ctx, Alerts alerts) {
        AppConfig c = ctx.config();
        if (!c.schwab.appKey.isResolved() || !c.schwab.appSecret.isResolved()) {
            throw new ConfigException(ctx.loaded().file() + ": keys 'schwab.app_key' and 'schwab.app_secret' must be set for Schwab");
        }
        return new SchwabAuth(c.schwab.baseUrl, c.schwab.appKey.value(), c.schwab.appSecret.value(), c.schwab.callbackUrl,
                new TokenFile(ctx.loaded().resolve(c.schwab.tokenFile)), SchwabHttp.defaultClient(), sharedLimiter(c), Clock.systemUTC(), alerts);
    }
}
