package autotrader.schwab.stream;

import autotrader.schwab.FakeSchwab;
import autotrader.schwab.FakeStreamer;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.SchwabRig;

import autotrader.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;


/** A fake Schwab with its streamer, a logged-in client stack, and a supervisor with short timeouts (no real waits of seconds). */
final class StreamRig implements AutoCloseable {

    final FakeSchwab fake;
    final FakeStreamer streamer;
    final SchwabRig rig;
    final List<String> alerts = Collections.synchronizedList(new ArrayList<>());
    final List<ChartBar> bars = Collections.synchronizedList(new ArrayList<>());
    final List<AccountActivity> activity = Collections.synchronizedList(new ArrayList<>());
    StreamSupervisor supervisor;

    StreamRig(Path dir, long heartbeatMillis) throws Exception {
        fake = new FakeSchwab();
        streamer = new FakeStreamer(() -> fake.accessToken, heartbeatMillis);
        fake.streamer = streamer;
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
    }

    /** Quick reconnects; a watchdog slow enough that a loaded test machine does not trip it (the watchdog test uses {@link #watchful()}). */
    static StreamSettings fast() {
        return new StreamSettings(Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(80), 3);
    }

    static StreamSettings watchful() {
        return new StreamSettings(Duration.ofMillis(400), Duration.ofMillis(20), Duration.ofMillis(80), 3);
    }

    StreamSupervisor start(StreamSettings settings, Consumer<ChartBar> onBar, Consumer<AccountActivity> onActivity) {
        supervisor = new StreamSupervisor(() -> StreamerInfo.fetch(rig.http), StreamSupervisor.Tokens.of(rig.auth),
                SchwabHttp.defaultClient(), settings, Clock.systemUTC(), (level, msg) -> alerts.add(level + " " + msg),
                List.of("SPY", "QQQ"), true, b -> {
                    bars.add(b);
                    onBar.accept(b);
                }, a -> {
                    activity.add(a);
                    onActivity.accept(a);
                }, () -> 0.5);
        return supervisor.start();
    }

    StreamSupervisor start() {
        return start(fast(), b -> { }, a -> { });
    }

    static void await(String what, BooleanSupplier condition) {
        Eventually.await(what, condition);
    }

    @Override
    public void close() {
        if (supervisor != null) supervisor.close();
        streamer.close();
        fake.close();
    }
}
