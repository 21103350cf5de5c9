package autotrader.schwab;

import autotrader.alerts.Notifier;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The Schwab client stack pointed at a fake server, with instant backoff sleeps recorded for assertions. */
public final class SchwabRig {

    public final List<String> alerts = Collections.synchronizedList(new ArrayList<>());
    public final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    public final SchwabAuth auth;
    public final SchwabHttp http;
    public final SchwabBroker broker;
    public final TokenFile tokenFile;

    public SchwabRig(String baseUrl, Path tokenFile, Clock clock) {
        this.tokenFile = new TokenFile(tokenFile);
        Notifier a = (level, msg) -> alerts.add(level + " " + msg);
        RateLimiter limiter = new RateLimiter(120);
        auth = new SchwabAuth(baseUrl, FakeSchwab.APP_KEY, FakeSchwab.APP_SECRET, "https://127.0.0.1:8182", this.tokenFile,
                SchwabHttp.defaultClient(), limiter, clock, a);
        http = new SchwabHttp(baseUrl, auth, limiter, SchwabHttp.defaultClient(), new SchwabHttp.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(5)),
                sleeps::add);
        broker = new SchwabBroker(http, auth, "", clock);
    }

    /** Writes a fresh login as `schwab login` would, without the browser. */
    public static void writeLogin(Path tokenFile, FakeSchwab fake, Instant loggedIn) {
        new TokenFile(tokenFile).write(new Tokens(fake.accessToken, fake.refreshToken, loggedIn.plusSeconds(1800),
                loggedIn.plus(Duration.ofDays(7)), loggedIn));
    }

    public OrderManager manager(Store store, CrashPoints crash) {
        Notifier a = (level, msg) -> alerts.add(level + " " + msg);
        return new OrderManager(broker, new OrderRepository(store.jdbi(), Clock.systemUTC()), new ControlFlags(store.jdbi(), Clock.systemUTC()),
                a, crash, Clock.systemUTC());
    }
}
