package autotrader.orders;

import autotrader.alerts.Notifier;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.RateLimiter;
import autotrader.schwab.SchwabAuth;
import autotrader.schwab.SchwabBroker;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.TokenFile;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The process the crash test kills: a small daemon start against the given SQLite file and fake
 * Schwab URL. Reconciles first (as the daemon does before any job), then offers the same trade
 * intent again. With -Dcrash.at=STEP it prints "HALTED STEP" on reaching that step and blocks until
 * the parent kills it with destroyForcibly: deterministic, no timing involved.
 * Args: db, baseUrl, tokenFile.
 */
public final class CrashChild {

    public static void main(String[] args) {
        String crashAt = System.getProperty("crash.at", "");
        CrashPoints crash = step -> {
            if (step.equals(crashAt)) {
                System.out.println("HALTED " + step);
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException ignored) {
                        // blocked until killed
                    }
                }
            }
        };
        Store store = Store.open(Path.of(args[0]), 5000);
        Notifier alerts = (level, msg) -> System.out.println("ALERT " + level + " " + msg);
        RateLimiter limiter = new RateLimiter(120);
        SchwabAuth auth = new SchwabAuth(args[1], FakeSchwab.APP_KEY, FakeSchwab.APP_SECRET, "https://127.0.0.1:8182",
                new TokenFile(Path.of(args[2])), SchwabHttp.defaultClient(), limiter, Clock.systemUTC(), alerts);
        SchwabHttp http = new SchwabHttp(args[1], auth, limiter, SchwabHttp.defaultClient(), SchwabHttp.Retry.defaults(), d -> Thread.sleep(d.toMillis()));
        Broker broker = new SchwabBroker(http, auth, "", Clock.systemUTC());
        OrderManager manager = new OrderManager(broker, new OrderRepository(store.jdbi(), Clock.systemUTC()),
                new ControlFlags(store.jdbi(), Clock.systemUTC()), alerts, crash, Clock.systemUTC());
        Reconciler.Report report = new Reconciler(manager, alerts, Duration.ofMillis(300), d -> Thread.sleep(d.toMillis())).reconcile();
        System.out.println("RECONCILED " + report);
        StoredOrder o = manager.submit(OrderRequest.entry("intent-crash-1", "XYZ", Side.BUY, 5, EntryType.LIMIT, new BigDecimal("14.97"),
                new BigDecimal("11.27"), new BigDecimal("15.27"), null));
        System.out.println("DONE " + o.state() + " " + o.brokerOrderId());
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
