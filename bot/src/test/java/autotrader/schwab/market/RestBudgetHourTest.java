package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.FakeStreamer;
import autotrader.schwab.RateLimiter;
import autotrader.schwab.RestBudget;
import autotrader.schwab.SchwabAuth;
import autotrader.schwab.SchwabBroker;
import autotrader.schwab.SchwabException;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.SchwabRig;
import autotrader.schwab.TokenFile;
import autotrader.schwab.stream.StreamBars;
import autotrader.schwab.stream.StreamSettings;
import autotrader.schwab.stream.StreamSupervisor;
import autotrader.schwab.stream.StreamerInfo;
import autotrader.testing.Eventually;
import autotrader.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The REST budget over one simulated trading hour (10:00-11:00) in live mode against the fake Schwab,
 * which answers 429 past 120 requests in any 60 s of its clock: every 5 minutes a scan (quotes for a
 * 1,450-symbol universe, 100 per call) and 50 candidates plus SPY and QQQ read on all six timeframes;
 * every minute the monitor's account and order reads. The limiter and the fake run on the same
 * simulated clock (the limiter's waits move it on), so nothing sleeps for real. Once with the 1-minute
 * bars streamed, once polling REST alone; both are printed and docs/schwab.md quotes them.
 */
class RestBudgetHourTest {

    static final MarketCalendar CAL = MarketCalendar.nyse();
    /** A coming Monday: the fake lists orders only within 60 days of the real today. */
    static final LocalDate DAY = LocalDate.of(2027, 1, 11);
    static final int UNIVERSE = 1450;
    static final int CANDIDATES = 50;

    @TempDir
    Path dir;

    record Hour(long calls, double perMinute, long peak, long tooMany, long quotes, long history, long orders, long accounts, long minutes) {
        String line(String name) {
            return String.format(Locale.ROOT, "%-16s %5d REST calls in %d min = %5.1f/min (peak %d/min; quotes %d, history %d, orders %d, accounts %d); 429s: %d",
                    name, calls, minutes, perMinute, peak, quotes, history, orders, accounts, tooMany);
        }
    }

    static Instant ny(int h, int m) {
        return LocalDateTime.of(DAY, LocalTime.of(h, m)).atZone(MarketCalendar.NEW_YORK).toInstant();
    }

    @Test
    void oneTradingHourWithStreamingStaysFarInsideTheBudgetAndNeverGets429() throws Exception {
        long t0 = System.nanoTime();
        Hour streamed = hour(true);
        long t1 = System.nanoTime();
        Hour polled = hour(false);
        System.out.printf("(simulated in %.1f s and %.1f s)%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        System.out.println("REST budget over one simulated trading hour (" + UNIVERSE + " symbols scanned, " + CANDIDATES + " candidates + SPY/QQQ, 6 timeframes, 5-min cycles):");
        System.out.println(streamed.line("with streaming"));
        System.out.println(polled.line("REST polling only"));
        assertTrue(streamed.perMinute() <= 60, streamed.line("with streaming"));
        assertEquals(0, streamed.tooMany(), "never a 429 with streaming");
        assertEquals(0, polled.tooMany(), "the limiter keeps polling under the limit too (by waiting)");
        assertTrue(streamed.history() * 3 < polled.history(), "streaming replaces most price history calls: " + streamed.history() + " vs " + polled.history());
        assertEquals(12 * 15, streamed.quotes(), "the scan's quotes stay on batched REST calls");
    }

    @Test
    void theFakeAnswers429PastTheLimitSoTheHourCouldFailIt() throws Exception {
        MutableClock clock = new MutableClock(ny(10, 0));
        try (FakeSchwab fake = new FakeSchwab()) {
            fake.rateLimit = 120;
            fake.rateClock = clock;
            SchwabRig.writeLogin(dir.resolve("t.json"), fake, Instant.now());
            RateLimiter generous = new RateLimiter(1000, () -> clock.instant().toEpochMilli() * 1_000_000L, clock::advance);
            SchwabAuth auth = new SchwabAuth(fake.baseUrl(), FakeSchwab.APP_KEY, FakeSchwab.APP_SECRET, "https://127.0.0.1:8182",
                    new TokenFile(dir.resolve("t.json")), SchwabHttp.defaultClient(), generous, Clock.systemUTC(), (l, m) -> { });
            RestBudget budget = new RestBudget(clock);
            SchwabHttp http = new SchwabHttp(fake.baseUrl(), auth, generous, SchwabHttp.defaultClient(), new SchwabHttp.Retry(0, Duration.ofSeconds(1),
                    Duration.ofSeconds(1)), clock::advance).countInto(budget);
            for (int i = 0; i < 120; i++) http.get("/trader/v1/accounts/accountNumbers");
            SchwabException e = assertThrows(SchwabException.class, () -> http.get("/trader/v1/accounts/accountNumbers"));
            assertEquals(429, e.status());
            assertEquals(1, fake.tooMany.get());
            clock.advance(Duration.ofSeconds(61));
            assertEquals(1, budget.snapshot().tooMany());
            assertEquals(121, budget.snapshot().lastMinute().get(RestBudget.Kind.ACCOUNTS));
        }
    }

    private Hour hour(boolean streaming) throws Exception {
        Path d = dir.resolve(streaming ? "streamed" : "polled");
        MutableClock clock = new MutableClock(ny(10, 0));
        try (FakeSchwab fake = new FakeSchwab()) {
            FakeMarketData md = new FakeMarketData();
            fake.marketData = md;
            fake.rateLimit = 120;
            fake.rateClock = clock;
            List<String> universe = new ArrayList<>();
            for (int i = 0; i < UNIVERSE; i++) universe.add(String.format("S%04d", i));
            List<String> candidates = universe.subList(0, CANDIDATES);
            List<String> read = new ArrayList<>(candidates);
            read.add("SPY");
            read.add("QQQ");
            for (String s : universe) md.addQuote(s, 10, 11, 9.5, 10.5, 2_000_000, ny(9, 59), "Normal");
            md.addQuote("SPY", 500, 505, 499, 503, 9_000_000, ny(9, 59), "Normal");
            md.addQuote("QQQ", 400, 405, 399, 403, 9_000_000, ny(9, 59), "Normal");
            // The calls do not depend on how deep the history is: a short one keeps the fake quick.
            for (String s : read) {
                md.addMinuteCandles(s, 1, DAY, DAY, false);
                md.addMinuteCandles(s, 5, DAY.minusDays(3), DAY, false);
                md.addMinuteCandles(s, 30, DAY.minusDays(3), DAY, false);
                md.addDailyCandles(s, DAY.minusDays(30), DAY.minusDays(1));
            }
            SchwabRig.writeLogin(d.resolve("tokens.json"), fake, Instant.now());
            // The limiter and every backoff wait on the simulated clock: waiting moves it on.
            RateLimiter limiter = new RateLimiter(120, () -> clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano(),
                    clock::advance);
            SchwabAuth auth = new SchwabAuth(fake.baseUrl(), FakeSchwab.APP_KEY, FakeSchwab.APP_SECRET, "https://127.0.0.1:8182",
                    new TokenFile(d.resolve("tokens.json")), SchwabHttp.defaultClient(), limiter, Clock.systemUTC(), (l, m) -> { });
            RestBudget budget = new RestBudget(clock);
            SchwabHttp http = new SchwabHttp(fake.baseUrl(), auth, limiter, SchwabHttp.defaultClient(),
                    new SchwabHttp.Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(60)), clock::advance).countInto(budget);
            SchwabBroker broker = new SchwabBroker(http, auth, "", clock);
            SchwabMarketData market = new SchwabMarketData(http, new SchwabMarketData.Settings(universe, Set.of("SPY", "QQQ"), 100, d.resolve("bars")),
                    CAL, clock);
            FakeStreamer streamer = null;
            StreamSupervisor supervisor = null;
            StreamBars sink = null;
            try {
                if (streaming) {
                    streamer = new FakeStreamer(() -> fake.accessToken, 100);
                    fake.streamer = streamer;
                    sink = new StreamBars(market::putStreamedMinute);
                    supervisor = new StreamSupervisor(() -> StreamerInfo.fetch(http), StreamSupervisor.Tokens.of(auth), SchwabHttp.defaultClient(),
                            StreamSettings.defaults(), Clock.systemUTC(), (l, m) -> { }, List.of("SPY", "QQQ"), true, sink, a -> { }, () -> 0.5);
                    market.onCandidates(supervisor::followCandidates);
                    supervisor.start();
                    StreamSupervisor s = supervisor;
                    await("streaming", s::streaming);
                }
                Instant start = clock.instant();
                Random r = new Random(3);
                for (int m = 0; m < 60; m++) {
                    Instant t = ny(10, 0).plusSeconds(60L * m);
                    if (streaming) {
                        // The minute that just ended, for every subscribed symbol, a second after it ended.
                        advanceTo(clock, t.plusSeconds(1));
                        Set<String> keys = streamer.chartKeys();
                        long before = sink.stored() + sink.notStored();
                        int sent = 0;
                        for (String s : keys) {
                            double p = 10 + r.nextDouble();
                            sent += streamer.sendBar(s, m, p, p + 0.05, p - 0.05, p + 0.01, 1000, t.minusSeconds(60).toEpochMilli());
                        }
                        StreamBars sb = sink;
                        int n = sent;
                        await("minute " + m + " stored", () -> sb.stored() + sb.notStored() == before + n);
                    }
                    if (m % 5 == 0) {
                        advanceTo(clock, t.plusSeconds(5));
                        market.prepareScan(universe, t, 26);
                        market.candidatesChosen(candidates, t);
                        if (streaming) {
                            FakeStreamer fs = streamer;
                            await("candidates subscribed", () -> fs.chartKeys().size() == CANDIDATES + 2);
                        }
                        for (String s : read) {
                            for (Timeframe tf : Timeframe.values()) market.bars(s, tf, t, 60);
                        }
                    }
                    advanceTo(clock, t.plusSeconds(10));
                    broker.balances();
                    broker.orders(t.minusSeconds(3600), t);
                }
                Instant end = ny(11, 0).isAfter(clock.instant()) ? ny(11, 0) : clock.instant();
                advanceTo(clock, end);
                long minutes = Duration.between(start, end).toMinutes();
                long total = budget.calls(null, start, end.plusSeconds(60));
                RestBudget.Snapshot snap = budget.snapshot();
                return new Hour(total, total / (double) minutes, peak(budget, start, end), snap.tooMany() + fake.tooMany.get(),
                        budget.calls(RestBudget.Kind.QUOTES, start, end.plusSeconds(60)), budget.calls(RestBudget.Kind.HISTORY, start, end.plusSeconds(60)),
                        budget.calls(RestBudget.Kind.ORDERS, start, end.plusSeconds(60)), budget.calls(RestBudget.Kind.ACCOUNTS, start, end.plusSeconds(60)),
                        minutes);
            } finally {
                if (supervisor != null) supervisor.close();
                if (streamer != null) streamer.close();
            }
        }
    }

    private static long peak(RestBudget b, Instant start, Instant end) {
        long peak = 0;
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) peak = Math.max(peak, b.calls(null, t, t.plusSeconds(60)));
        return peak;
    }

    /** The planned time, unless the limiter's waits have already carried the clock past it. */
    private static void advanceTo(MutableClock clock, Instant t) {
        if (t.isAfter(clock.instant())) clock.set(t);
    }

    static void await(String what, BooleanSupplier condition) {
        Eventually.await(what, condition);
    }
}
