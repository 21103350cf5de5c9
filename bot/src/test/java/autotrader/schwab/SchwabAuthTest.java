package autotrader.schwab;

import autotrader.orders.CrashPoints;
import autotrader.orders.OrderState;
import autotrader.orders.StoredOrder;
import autotrader.store.Store;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class SchwabAuthTest {

    @TempDir
    Path dir;

    @Test
    void loginPrintsTheAuthorizeUrlAndExchangesTheDecodedCodeIntoAnOwnerOnlyFile() throws Exception {
        try (FakeSchwab fake = new FakeSchwab()) {
            SchwabRig rig = new SchwabRig(fake.baseUrl(), dir.resolve("t/tokens.json"), Clock.systemUTC());
            String url = rig.auth.authorizeUrl();
            assertTrue(url.startsWith(fake.baseUrl() + "/v1/oauth/authorize?client_id=" + FakeSchwab.APP_KEY), url);
            assertTrue(url.contains("response_type=code") && url.contains("redirect_uri=https%3A%2F%2F127.0.0.1%3A8182"), url);
            rig.auth.exchange("https://127.0.0.1:8182/?code=C0.b2F1dGgyLmNvZGU%40&session=abc-123");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("t/tokens.json"))));
            assertEquals(fake.accessToken, rig.tokenFile.read().orElseThrow().accessToken());
            assertNotNull(rig.broker.balances());
        }
    }

    @Test
    void aTokenFileOthersCanReadIsRefused() throws Exception {
        try (FakeSchwab fake = new FakeSchwab()) {
            Path f = dir.resolve("tokens.json");
            SchwabRig.writeLogin(f, fake, Instant.now());
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            SchwabAuthException e = assertThrows(SchwabAuthException.class, () -> new TokenFile(f).read());
            assertTrue(e.getMessage().contains("owner only"), e.getMessage());
        }
    }

    @Test
    void theAccessTokenIsRefreshedBeforeItsThirtyMinutesRunOut() throws Exception {
        try (FakeSchwab fake = new FakeSchwab()) {
            Path f = dir.resolve("tokens.json");
            SchwabRig.writeLogin(f, fake, Instant.now().minus(Duration.ofMinutes(26)));   // 4 minutes left
            SchwabRig rig = new SchwabRig(fake.baseUrl(), f, Clock.systemUTC());
            String before = fake.accessToken;
            rig.broker.positions();
            assertEquals(1, fake.tokenCalls.get());
            assertNotEquals(before, fake.accessToken);
            assertEquals(fake.accessToken, new TokenFile(f).read().orElseThrow().accessToken(), "the new token is stored");
        }
    }

    @Test
    void noSecretAppearsInLogsOrExceptionsWhenLoginAndRefreshFail() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        List<String> texts = new ArrayList<>();
        try (FakeSchwab fake = new FakeSchwab()) {
            SchwabRig rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
            // a login with a wrong code, then with a good one
            texts.add(assertThrows(SchwabException.class, () -> rig.auth.exchange("https://127.0.0.1:8182/?code=WRONG-CODE-SECRET%40")).getMessage());
            rig.auth.exchange("https://127.0.0.1:8182/?code=C0.b2F1dGgyLmNvZGU%40&session=s");
            String access = fake.accessToken, refresh = fake.refreshToken;
            // the server stops accepting our token and refuses the refresh: 401, failed refresh, monitor-only
            fake.refreshDead = true;
            fake.accessToken = "I0.server-side@";
            texts.add(assertThrows(SchwabException.class, () -> rig.broker.balances()).getMessage());
            texts.add(assertThrows(RuntimeException.class, () -> rig.auth.refreshAfterUnauthorized(access)).getMessage());
            texts.addAll(rig.alerts);
            for (ILoggingEvent e : captured.list) {
                texts.add(e.getFormattedMessage());
                if (e.getThrowableProxy() != null) texts.add(e.getThrowableProxy().getMessage());
            }
            String all = String.join("\n", texts);
            assertTrue(all.contains("schwab login"), all);
            for (String secret : List.of(FakeSchwab.APP_SECRET, FakeSchwab.APP_KEY, access, refresh, "WRONG-CODE-SECRET", FakeSchwab.CODE, "b2F1dGgyLmNvZGU")) {
                assertFalse(all.contains(secret), "secret leaked: " + secret + " in\n" + all);
            }
        } finally {
            root.detachAppender(captured);
        }
    }

    @Test
    void aLoginWrittenByAnotherProcessEndsMonitorOnlyAtOnceAndOrdersArePlacedAgain() throws Exception {
        try (FakeSchwab fake = new FakeSchwab()) {
            Path f = dir.resolve("tokens.json");
            SchwabRig.writeLogin(f, fake, Instant.now().minus(Duration.ofMinutes(40)));   // the access token ran out 10 minutes ago
            SchwabRig a = new SchwabRig(fake.baseUrl(), f, Clock.systemUTC());             // the daemon
            fake.refreshDead = true;
            assertThrows(SchwabException.class, () -> a.broker.balances(), "the refresh is refused");
            assertTrue(a.auth.monitorOnlyReason().isPresent());
            assertTrue(a.broker.placementBlockedReason().isPresent());
            assertEquals(1, a.alerts.stream().filter(x -> x.startsWith("TOKEN_EXPIRY Schwab login needed")).count(), a.alerts.toString());

            // `autotrader schwab login` in another process: its own SchwabAuth on the same file
            fake.refreshDead = false;
            SchwabRig b = new SchwabRig(fake.baseUrl(), f, Clock.systemUTC());
            b.auth.exchange("https://127.0.0.1:8182/?code=C0.b2F1dGgyLmNvZGU%40&session=s");

            assertEquals(Optional.empty(), a.auth.monitorOnlyReason(), "the daemon sees the new login without a restart");
            assertEquals(Optional.empty(), a.broker.placementBlockedReason());
            Store store = Store.open(dir.resolve("state.db"), 2000);
            StoredOrder o = a.manager(store, CrashPoints.NONE).submit(SchwabBrokerTest.bracket("after-login"));
            assertEquals(OrderState.SUBMITTED, o.state(), "placed through the daemon's client");
            assertEquals(1, fake.orderPosts.get());
            assertNotNull(a.broker.balances());
            List<String> renewed = a.alerts.stream().filter(x -> x.contains("Schwab login renewed")).toList();
            assertEquals(1, renewed.size(), "said once: " + a.alerts);
            assertTrue(renewed.get(0).startsWith("TOKEN_EXPIRY Schwab login renewed; orders are placed again"), renewed.get(0));
            for (String secret : List.of(fake.accessToken, fake.refreshToken, FakeSchwab.APP_SECRET)) {
                assertFalse(String.join("\n", a.alerts).contains(secret), "no token in an alert");
            }
        }
    }

    @Test
    void anExpiredLoginIsReplacedByTheNewerOneOnDiskAndAnOlderFileIsIgnored() throws Exception {
        try (FakeSchwab fake = new FakeSchwab()) {
            Path f = dir.resolve("tokens.json");
            SchwabRig.writeLogin(f, fake, Instant.now().minus(Duration.ofDays(8)));   // the 7-day login is over
            SchwabRig a = new SchwabRig(fake.baseUrl(), f, Clock.systemUTC());
            assertTrue(a.auth.monitorOnlyReason().orElseThrow().contains("refresh token expired"));

            SchwabRig.writeLogin(f, fake, Instant.now().minus(Duration.ofDays(9)));   // an older login copied back: not news
            assertTrue(a.auth.monitorOnlyReason().isPresent(), "an older login does not end monitor-only");

            SchwabRig.writeLogin(f, fake, Instant.now());
            assertEquals(Optional.empty(), a.auth.monitorOnlyReason());
            assertNotNull(a.broker.balances());
            assertEquals(0, fake.tokenCalls.get(), "the new tokens are used as written, no refresh");
            assertEquals(1, a.alerts.stream().filter(x -> x.contains("orders are placed again")).count(), a.alerts.toString());
        }
    }

    @Test
    void theRateLimiterNeverLetsMoreThanTheLimitIntoAnySixtySecondsAndKeepsRoomForOrders() {
        AtomicLong nanos = new AtomicLong();
        List<Duration> waits = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(120, nanos::get, d -> {
            waits.add(d);
            nanos.addAndGet(d.toNanos());
        });
        for (int i = 0; i < 110; i++) {
            limiter.acquireMarketData();
            nanos.addAndGet(100_000_000L);   // 0.1 s apart: 110 calls in 11 s
        }
        assertTrue(waits.isEmpty(), "110 market-data calls at once");
        for (int i = 0; i < 10; i++) limiter.acquire();
        assertTrue(waits.isEmpty(), "the reserve of 10 is there for orders at once");
        assertEquals(120, limiter.inWindow());
        limiter.acquireMarketData();
        assertEquals(1, waits.size());
        // The 111th market-data call needs 11 calls out of the window: the 11th oldest was at 1.0 s, so it goes at 61.0 s.
        assertEquals(61_000, Math.round(nanos.get() / 1e6), "waited until the 11th oldest call left the 60 s window");
        assertTrue(limiter.inWindow() <= 120);
    }
}
