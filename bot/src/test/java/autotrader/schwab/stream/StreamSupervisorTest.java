package autotrader.schwab.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static autotrader.schwab.stream.StreamRig.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamSupervisorTest {

    @TempDir
    Path dir;

    private static List<JsonNode> requests(StreamRig r, String command) {
        synchronized (r.streamer.received) {
            return r.streamer.received.stream().filter(n -> n.path("command").asText().equals(command)).toList();
        }
    }

    @Test
    void logsInWithTheAccessTokenAndSubscribesBenchmarksAndAccountActivity() throws Exception {
        try (StreamRig r = new StreamRig(dir, 100)) {
            StreamSupervisor s = r.start();
            await("streaming", s::streaming);
            await("chart keys", () -> r.streamer.chartKeys().equals(Set.of("SPY", "QQQ")));
            JsonNode login = requests(r, "LOGIN").get(0);
            assertEquals("ADMIN", login.path("service").asText());
            assertEquals(r.fake.accessToken, login.path("parameters").path("Authorization").asText());
            assertEquals("abc123", login.path("SchwabClientCustomerId").asText());
            assertEquals("N9", login.path("parameters").path("SchwabClientChannel").asText());
            await("account activity", () -> r.streamer.live().get(0).keys("ACCT_ACTIVITY").equals(Set.of("Account Activity")));
            JsonNode subs = requests(r, "SUBS").stream().filter(n -> n.path("service").asText().equals("CHART_EQUITY")).findFirst().orElseThrow();
            assertEquals("0,1,2,3,4,5,6,7,8", subs.path("parameters").path("fields").asText());
            StreamState st = s.state();
            assertEquals(StreamState.Phase.STREAMING, st.phase());
            assertEquals(2, st.chartKeys());
            assertEquals(1, st.activityKeys());
            assertTrue(st.connectedSince() != null && st.lastFrameAt() != null);
            assertEquals(0, st.reconnectsToday());
            assertTrue(r.alerts.isEmpty(), r.alerts.toString());
            s.close();
            await("logged out", () -> requests(r, "LOGOUT").size() == 1 && r.streamer.openSockets() == 0);
            assertEquals(StreamState.Phase.OFF, s.state().phase());
        }
    }

    @Test
    void barsAreMappedFromTheDocumentedFieldNumbers() throws Exception {
        try (StreamRig r = new StreamRig(dir, 100)) {
            StreamSupervisor s = r.start();
            s.followCandidates(List.of("AAPL"));
            await("AAPL subscribed", () -> r.streamer.chartKeys().contains("AAPL"));
            r.streamer.sendBar("AAPL", 1021, 228.4, 228.49, 228.38, 228.48, 3957, 1729854000000L);
            await("bar", () -> !r.bars.isEmpty());
            ChartBar b = r.bars.get(0);
            assertEquals("AAPL", b.symbol());
            assertEquals(1021, b.sequence());
            assertEquals(Instant.ofEpochMilli(1729854000000L), b.bar().start());
            assertEquals(Instant.ofEpochMilli(1729854060000L), b.bar().end());
            assertEquals(228.4, b.bar().open());
            assertEquals(228.49, b.bar().high());
            assertEquals(228.38, b.bar().low());
            assertEquals(228.48, b.bar().close());
            assertEquals(3957.0, b.bar().volume());   // sent as a string
        }
    }

    @Test
    void aDeniedLoginRefreshesTheTokenAndTheNextLoginCarriesTheFreshOne() throws Exception {
        try (StreamRig r = new StreamRig(dir, 100)) {
            r.streamer.denyLogins = 1;
            String first = r.fake.accessToken;
            StreamSupervisor s = r.start();
            await("streaming", s::streaming);
            List<JsonNode> logins = requests(r, "LOGIN");
            assertEquals(2, logins.size());
            assertEquals(first, logins.get(0).path("parameters").path("Authorization").asText());
            assertNotEquals(first, logins.get(1).path("parameters").path("Authorization").asText(), "the second LOGIN uses the refreshed token");
            assertEquals(r.fake.accessToken, logins.get(1).path("parameters").path("Authorization").asText());
        }
    }

    @Test
    void loginDeniedRepeatedlyStopsRetryingWithOneAlertNamingTheReason() throws Exception {
        try (StreamRig r = new StreamRig(dir, 100)) {
            r.streamer.denyLogins = -1;
            StreamSupervisor s = r.start();
            await("stopped", () -> s.state().phase() == StreamState.Phase.STOPPED);
            Thread.sleep(300);   // several backoffs' worth: no further try
            assertEquals(3, r.streamer.logins.get());
            assertTrue(s.state().reason().contains("Login Denied.: token invalid"), s.state().reason());
            List<String> critical = r.alerts.stream().filter(a -> a.startsWith("STREAM Schwab stream stopped")).toList();
            assertEquals(1, critical.size(), r.alerts.toString());
            assertTrue(critical.get(0).contains("LOGIN denied") && critical.get(0).contains("token invalid"), critical.get(0));
            assertEquals(1, r.alerts.stream().filter(a -> a.startsWith("STREAM Schwab stream down")).count(), "one 'down' alert, not one per retry: " + r.alerts);
        }
    }

    @Test
    void theChartSubscriptionFollowsTheCandidatesWithAddAndUnsubsOnTheSameSocket() throws Exception {
        try (StreamRig r = new StreamRig(dir, 100)) {
            StreamSupervisor s = r.start();
            await("streaming", s::streaming);
            s.followCandidates(List.of("AAPL", "AMD", "NVDA"));
            await("first candidates", () -> r.streamer.chartKeys().equals(Set.of("SPY", "QQQ", "AAPL", "AMD", "NVDA")));
            s.followCandidates(List.of("AMD", "TSLA"));
            await("second candidates", () -> r.streamer.chartKeys().equals(Set.of("SPY", "QQQ", "AMD", "TSLA")));
            JsonNode unsubs = requests(r, "UNSUBS").get(0);
            assertEquals(Set.of("AAPL", "NVDA"), Set.of(unsubs.path("parameters").path("keys").asText().split(",")));
            List<JsonNode> adds = requests(r, "ADD");
            assertEquals("TSLA", adds.get(adds.size() - 1).path("parameters").path("keys").asText());
            // 600 candidates: capped at 500 keys with the benchmarks kept.
            List<String> many = IntStream.range(0, 600).mapToObj(i -> "S" + i).collect(Collectors.toList());
            s.followCandidates(many);
            await("500 keys", () -> r.streamer.chartKeys().size() == 500);
            assertTrue(r.streamer.chartKeys().containsAll(Set.of("SPY", "QQQ")));
            assertEquals(0, r.streamer.overLimit.get(), "never more than 500 keys on the service");
            assertEquals(1, s.connectionsOpened(), "no reconnect for a new candidate set");
            assertEquals(1, r.streamer.logins.get());
        }
    }

    @Test
    void aDroppedSocketIsReconnectedAndResubscribedWithOneAlert() throws Exception {
        try (StreamRig r = new StreamRig(dir, 100)) {
            StreamSupervisor s = r.start();
            s.followCandidates(List.of("AAPL"));
            await("subscribed", () -> r.streamer.chartKeys().contains("AAPL"));
            r.streamer.dropAll();
            await("down", () -> s.state().reconnectsToday() == 1);
            await("back", () -> s.streaming() && r.streamer.chartKeys().equals(Set.of("SPY", "QQQ", "AAPL")));
            assertEquals(2, r.streamer.logins.get());
            assertEquals(1, r.alerts.stream().filter(a -> a.startsWith("STREAM Schwab stream down")).count(), r.alerts.toString());
            await("back alert", () -> r.alerts.stream().anyMatch(a -> a.startsWith("STREAM Schwab stream is back")));
        }
    }

    @Test
    void aSilentSocketIsDeclaredDeadByTheWatchdog() throws Exception {
        try (StreamRig r = new StreamRig(dir, 100)) {
            StreamSupervisor s = r.start(StreamRig.watchful(), b -> { }, a -> { });
            await("streaming", s::streaming);
            r.streamer.silent = true;   // open, but no heartbeat, no ack, nothing
            await("watchdog", () -> s.state().phase() == StreamState.Phase.DOWN);
            assertTrue(s.state().reason().contains("heartbeat watchdog"), s.state().reason());
            assertTrue(s.state().line().contains("REST polling"), s.state().line());
            r.streamer.silent = false;
            await("back", s::streaming);
            assertTrue(s.state().reconnectsToday() >= 1);
        }
    }

    @Test
    void aHundredReconnectsLeakNeitherThreadsNorSockets() throws Exception {
        try (StreamRig r = new StreamRig(dir, 0)) {
            StreamSupervisor s = r.start();
            await("streaming", s::streaming);
            for (int i = 0; i < 5; i++) {   // warm the pools first: okhttp and MockWebServer keep a few threads around
                int before = s.connectionsOpened();
                r.streamer.dropAll();
                await("reconnected", () -> s.connectionsOpened() > before && s.streaming());
            }
            int threadsBefore = Thread.activeCount();
            for (int i = 0; i < 100; i++) {
                int before = s.connectionsOpened();
                r.streamer.dropAll();
                await("reconnect " + i, () -> s.connectionsOpened() > before && s.streaming());
            }
            await("old sockets closed", () -> r.streamer.openSockets() == 1);
            List<String> names = new ArrayList<>();
            Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
            int threadsAfter = Thread.activeCount();
            assertTrue(threadsAfter <= threadsBefore + 4, "threads " + threadsBefore + " -> " + threadsAfter + ": " + names);
            assertEquals(1, names.stream().filter(n -> n.equals("schwab-stream")).count());
            assertTrue(s.connectionsOpened() >= 106, "one socket per reconnect (more only if the watchdog also fired): " + s.connectionsOpened());
        }
    }
}
