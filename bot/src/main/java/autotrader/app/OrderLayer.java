package autotrader.app;

import autotrader.config.AppConfig;
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
import autotrader.schwab.SchwabAuth;
import autotrader.schwab.SchwabBroker;
import autotrader.schwab.SchwabHttp;
import autotrader.store.JobRepository;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        // Order rows, events and account snapshots are stamped in market time, like the fills the broker
        // reports: on a simulated clock wall time would put them years away from their fills, and
        // "equity since the start of the market day" (the daily loss limit) would read the wrong rows.
        Clock clock = marketClock(marketNow);
        OrderManager m = new OrderManager(broker, new OrderRepository(store.jdbi(), clock), new ControlFlags(store.jdbi(), clock),
                alerts, CrashPoints.NONE, clock);
        return new OrderLayer(m, new Reconciler(m, alerts));
    }

    /** A {@link Clock} reading market time from the supplier. */
    static Clock marketClock(Supplier<Instant> marketNow) {
        return new Clock() {
            @Override
            public Instant instant() {
                return marketNow.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }

    /** Market time for one-shot commands: now, or the end of the data when the source stops before now. */
    static Supplier<Instant> cliMarketNow(AppContext ctx) {
        return () -> {
            Instant now = Instant.now();
            if (ctx.config().mode == Mode.LIVE) return now;
            if (ctx.market().simulated()) {
                // The simulated market's time is the sim daemon's, not today's: an `approve` from the shell
                // compared today's simulated price with a signal from the daemon's simulated day.
                var beat = ctx.store().jobs().heartbeat();
                if (beat.isPresent()) return simulatedNow(beat.get(), now);
            }
            Instant last = ctx.market().lastAvailable();
            return last.isBefore(now) ? last : now;
        };
    }

    private static final Pattern SIM_SPEED = Pattern.compile("simulated x([0-9.]+)");

    /**
     * Where the sim daemon's clock is now: its last heartbeat's market time, moved on by the wall time
     * since at the daemon's speed while it is alive (beats every 5 s); where it stopped when it is not.
     */
    static Instant simulatedNow(JobRepository.Heartbeat beat, Instant wallNow) {
        Matcher m = SIM_SPEED.matcher(beat.clock() == null ? "" : beat.clock());
        boolean alive = beat.stoppedAt() == null && Duration.between(beat.beatAt(), wallNow).compareTo(Duration.ofSeconds(15)) < 0;
        if (!alive || !m.find()) return beat.marketTime();
        long wallMillis = Math.max(0, Duration.between(beat.beatAt(), wallNow).toMillis());
        return beat.marketTime().plusMillis(Math.round(wallMillis * Double.parseDouble(m.group(1))));
    }

    static Broker broker(AppContext ctx, Supplier<Instant> marketNow, Alerts alerts) {
        AppConfig c = ctx.config();
        if (c.mode == Mode.PAPER) {
            MarketData market = ctx.market();
            return new PaperBroker(ctx.store().jdbi(), market, marketNow,
                    new PaperFillModel(c.paper.slippageBps, c.paper.commissionPerShare, c.paper.commissionMin),
                    BigDecimal.valueOf(c.risk.startingCash), Timeframe.M1);
        }
        // The process's one Schwab client: shared with Schwab market data (one login, one rate limiter).
        // Its login alerts go where AppContext.schwabAlertsTo says (the daemon: the trader), not to `alerts`.
        SchwabHttp http = ctx.schwabHttp("mode is live");
        return new SchwabBroker(http, ctx.schwabAuth(), c.schwab.accountNumber, Clock.systemUTC());
    }

    static SchwabAuth schwabAuth(AppContext ctx) {
        return ctx.schwabAuth();
    }
}
