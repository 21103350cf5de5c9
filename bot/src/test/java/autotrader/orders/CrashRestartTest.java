package autotrader.orders;

import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabRig;
import autotrader.store.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real second JVM is killed hard (destroyForcibly) at each step of the send path, then started
 * again on the same SQLite file against the same fake Schwab. After the restart, which reconciles
 * first, exactly one order exists at the broker and in SQLite, SUBMITTED with the broker's id.
 */
class CrashRestartTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.INTENT_WRITTEN, CrashPoints.SUBMITTING_WRITTEN, CrashPoints.POST_ANSWERED, CrashPoints.SUBMITTED_STORED})
    void killedAtEachStepTheRestartEndsWithExactlyOneOrder(String step) throws Exception {
        try (FakeSchwab fake = new FakeSchwab()) {
            Path db = dir.resolve("state.db"), tokens = dir.resolve("tokens.json");
            SchwabRig.writeLogin(tokens, fake, Instant.now());

            long t0 = System.nanoTime();
            Process first = start(db, fake, tokens, step);
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean halted = false;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (line.equals("HALTED " + step)) {
                    halted = true;
                    break;
                }
            }
            assertTrue(halted, "child never reached " + step + ": " + out);
            first.destroyForcibly();
            assertTrue(first.waitFor(20, TimeUnit.SECONDS));
            long killedMs = (System.nanoTime() - t0) / 1_000_000;
            int postsBefore = fake.orderPosts.get();
            assertEquals(step.equals(CrashPoints.POST_ANSWERED) || step.equals(CrashPoints.SUBMITTED_STORED) ? 1 : 0, postsBefore);

            long t1 = System.nanoTime();
            Process second = start(db, fake, tokens, "");
            String restartOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            long restartMs = (System.nanoTime() - t1) / 1_000_000;
            assertEquals(0, second.exitValue(), restartOut);
            assertTrue(restartOut.contains("DONE SUBMITTED"), restartOut);

            assertEquals(1, fake.orderPosts.get(), "exactly one POST in all: " + fake.requestLog);
            assertEquals(1, fake.topLevelOrders().size());
            String brokerId = fake.topLevelOrders().get(0).get("orderId").asText();
            Store store = Store.open(db, 5000);
            OrderRepository repo = new OrderRepository(store.jdbi(), Clock.systemUTC());
            List<StoredOrder> sent = repo.all("live", 100).stream().filter(StoredOrder::sentByUs).toList();
            assertEquals(1, sent.size(), sent.toString());
            assertEquals(OrderState.SUBMITTED, sent.get(0).state());
            assertEquals(brokerId, sent.get(0).brokerOrderId());
            assertEquals(2, repo.children(sent.get(0).id()).size(), "the bracket legs are known too");
            System.out.printf("crash at %s: first run until kill %d ms, restart (reconcile + resume) %d ms; events: %s%n", step, killedMs, restartMs,
                    repo.events(sent.get(0).id()).stream().map(e -> e.to() + "(" + e.cause() + ")").toList());
        }
    }

    private Process start(Path db, FakeSchwab fake, Path tokens, String step) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dautotrader.log.dir=" + dir.resolve("logs"), "-Xmx256m"));
        if (!step.isEmpty()) cmd.add("-Dcrash.at=" + step);
        cmd.addAll(List.of(CrashChild.class.getName(), db.toString(), fake.baseUrl(), tokens.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
