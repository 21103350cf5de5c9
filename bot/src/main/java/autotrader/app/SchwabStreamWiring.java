package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.AppConfig;
import autotrader.config.Mode;
import autotrader.market.MarketData;
import autotrader.schwab.market.SchwabMarketData;
import autotrader.orders.OrderManager;
import autotrader.schwab.RestBudget;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.stream.OrderWakeUp;
import autotrader.schwab.stream.StreamBars;
import autotrader.schwab.stream.StreamSettings;
import autotrader.schwab.stream.StreamState;
import autotrader.schwab.stream.StreamSupervisor;
import autotrader.schwab.stream.StreamerInfo;
import autotrader.store.SchwabStatusRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's Schwab stream (config schwab.streaming.*): on the Schwab source, the supervisor with its
 * bars going into SchwabMarketData's store and, in live mode, account activity waking order
 * read-backs; the stream state and the REST counts written every few seconds for `status`, the desk and
 * Telegram. On another source nothing is started.
 */
final class SchwabStreamWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchwabStreamWiring.class);
    static final Duration PUBLISH_EVERY = Duration.ofSeconds(5);

    private final List<AutoCloseable> parts = new ArrayList<>();

    private SchwabStreamWiring() {
    }

    static StreamSettings settings(AppConfig.Streaming s) {
        return new StreamSettings(Duration.ofSeconds(s.heartbeatTimeoutSeconds), Duration.ofMillis(Math.round(s.backoffInitialSeconds * 1000)),
                Duration.ofMillis(Math.round(s.backoffMaxSeconds * 1000)), s.maxLoginDenials);
    }

    static SchwabStreamWiring start(AppContext ctx, MarketData market, OrderManager orders, Notifier alerts) {
        SchwabStreamWiring w = new SchwabStreamWiring();
        AppConfig cfg = ctx.config();
        if (cfg.market.source != AppConfig.Source.SCHWAB || !(market instanceof SchwabMarketData schwab)) return w;
        SchwabHttp http = ctx.schwabHttp("market.source is schwab");
        RestBudget budget = ctx.schwabBudget();
        StreamSupervisor supervisor = null;
        if (cfg.schwab.streaming.on(cfg.mode, cfg.market.source)) {
            boolean live = cfg.mode == Mode.LIVE;
            OrderWakeUp wakeUp = live ? new OrderWakeUp(orders) : null;
            // The one line to change when the bars move to another store: the sink.
            StreamBars bars = new StreamBars(schwab::putStreamedMinute);
            supervisor = new StreamSupervisor(() -> StreamerInfo.fetch(http), StreamSupervisor.Tokens.of(ctx.schwabAuth()), SchwabHttp.defaultClient(),
                    settings(cfg.schwab.streaming), Clock.systemUTC(), alerts, List.copyOf(cfg.market.benchmarks), live, bars,
                    wakeUp == null ? a -> { } : wakeUp, () -> ThreadLocalRandom.current().nextDouble());
            schwab.onCandidates(supervisor::followCandidates);
            if (wakeUp != null) w.parts.add(wakeUp);
            supervisor.start();
            w.parts.add(supervisor);   // closed first: no activity arrives for a read-back that is closing
            LOG.info("schwab stream: starting (CHART_EQUITY for the candidates + {}{}); REST polling covers any gap", cfg.market.benchmarks,
                    live ? ", ACCT_ACTIVITY waking order read-backs" : "");
        } else {
            LOG.info("schwab stream: off (schwab.streaming.enabled{}); bars come from REST polling", cfg.schwab.streaming.enabled == null
                    ? " unset and mode is " + cfg.mode.label() : ": false");
        }
        SchwabStatusRepository repo = new SchwabStatusRepository(ctx.store().jdbi());
        StreamSupervisor sup = supervisor;
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schwab-status");
            t.setDaemon(true);
            return t;
        });
        Runnable publish = () -> {
            try {
                repo.save(snapshot(sup == null ? StreamState.off("schwab.streaming is off") : sup.state(), budget, Clock.systemUTC()));
            } catch (RuntimeException e) {
                LOG.warn("schwab status not written: {}", e.toString());
            }
        };
        publisher.scheduleWithFixedDelay(publish, 0, PUBLISH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        w.parts.add(0, () -> {
            publisher.shutdownNow();
            publisher.awaitTermination(2, TimeUnit.SECONDS);
            publish.run();   // the last word: the stream closed (OFF)
        });
        return w;
    }

    static SchwabStatusRepository.SchwabStatus snapshot(StreamState s, RestBudget budget, Clock clock) {
        RestBudget.Snapshot b = budget.snapshot();
        return new SchwabStatusRepository.SchwabStatus(clock.instant(), s.phase().name(), s.line(), s.connectedSince(), s.chartKeys(),
                s.activityKeys() > 0, s.lastFrameAt(), s.reconnectsToday(), s.reason(), b.line(), b.lastMinuteTotal(), b.averagePerMin(), b.tooMany());
    }

    /** Stream first (LOGOUT), then the read-backs, then the last status row. */
    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("schwab stream: closing {} failed: {}", parts.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
