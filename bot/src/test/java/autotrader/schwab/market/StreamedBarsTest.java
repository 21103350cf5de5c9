package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.FakeStreamer;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.SchwabRig;
import autotrader.schwab.stream.StreamBars;
import autotrader.schwab.stream.StreamSettings;
import autotrader.schwab.stream.StreamSupervisor;
import autotrader.schwab.stream.StreamerInfo;
import autotrader.testing.Eventually;
import autotrader.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Streamed 1-minute bars (a fake streamer on 127.0.0.1) into SchwabMarketData's bar store: the 5m, 30m
 * and 1h bars built from them equal what Schwab's price history answers for the same minutes, a repeat
 * is stored once, and a gap left by a reconnect is filled from price history when the symbol is read.
 */
class StreamedBarsTest {

    static final MarketCalendar CAL = MarketCalendar.nyse();
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate DAY = LocalDate.of(2024, 10, 28);

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeMarketData md;
    FakeStreamer streamer;
    SchwabRig rig;
    MutableClock clock;
    SchwabMarketData market;
    StreamSupervisor supervisor;
    StreamBars sink;
    /** The "true" 1-minute bars Schwab has for AAPL, the source of both the REST candles and the streamed bars. */
    final List<Bar> minutes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        md = new FakeMarketData();
        fake.marketData = md;
        streamer = new FakeStreamer(() -> fake.accessToken, 100);
        fake.streamer = streamer;
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        fillHistory();
        clock = new MutableClock(ny(10, 0).plusSeconds(40));
        market = new SchwabMarketData(rig.http, new SchwabMarketData.Settings(List.of("AAPL", "AMD"), Set.of("SPY", "QQQ"), 100, dir.resolve("bars")),
                CAL, clock);
        sink = new StreamBars(market::putStreamedMinute);
        supervisor = new StreamSupervisor(() -> StreamerInfo.fetch(rig.http), StreamSupervisor.Tokens.of(rig.auth), SchwabHttp.defaultClient(),
                new StreamSettings(Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(60), 3), Clock.systemUTC(), (l, m) -> { },
                List.of("SPY", "QQQ"), false, sink, a -> { }, () -> 0.5);
        market.onCandidates(supervisor::followCandidates);
        supervisor.start();
    }

    @AfterEach
    void stop() {
        supervisor.close();
        streamer.close();
        fake.close();
    }

    static Instant ny(int h, int m) {
        return LocalDateTime.of(DAY, LocalTime.of(h, m)).atZone(MarketCalendar.NEW_YORK).toInstant();
    }

    /** A week of 1-minute bars up to 11:00 today (a seeded walk), and Schwab's 5m and 30m candles summed from them. */
    private void fillHistory() {
        Random r = new Random(7);
        double price = 200;
        for (LocalDate d = DAY.minusDays(7); !d.isAfter(DAY); d = d.plusDays(1)) {
            if (!CAL.isTradingDay(d)) continue;
            Instant end = d.equals(DAY) ? ny(11, 0) : CAL.closeInstant(d);
            for (Instant t = CAL.openInstant(d); t.isBefore(end); t = t.plusSeconds(60)) {
                double open = price, close = Math.round((price + r.nextGaussian() * 0.2) * 100) / 100.0;
                double high = Math.max(open, close) + 0.05, low = Math.min(open, close) - 0.05;
                minutes.add(new Bar(t, t.plusSeconds(60), open, round(high), round(low), close, 100 + r.nextInt(900)));
                price = close;
            }
        }
        md.candles.put("AAPL|minute|1", candles(minutes, 1));
        md.candles.put("AAPL|minute|5", candles(minutes, 5));
        md.candles.put("AAPL|minute|30", candles(minutes, 30));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Candles of n minutes from the 1-minute bars, grouped by minutes since the open: written here, not with the code under test. */
    private static List<ObjectNode> candles(List<Bar> ms, int n) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < ms.size(); ) {
            Bar first = ms.get(i);
            Instant open = CAL.openInstant(CAL.dateAt(first.start()));
            long slot = Duration.between(open, first.start()).toMinutes() / n;
            double hi = first.high(), lo = first.low(), close = first.close(), vol = 0;
            int j = i;
            while (j < ms.size() && CAL.dateAt(ms.get(j).start()).equals(CAL.dateAt(first.start()))
                    && Duration.between(open, ms.get(j).start()).toMinutes() / n == slot) {
                hi = Math.max(hi, ms.get(j).high());
                lo = Math.min(lo, ms.get(j).low());
                close = ms.get(j).close();
                vol += ms.get(j).volume();
                j++;
            }
            out.add(JSON.createObjectNode().put("open", first.open()).put("high", hi).put("low", lo).put("close", close).put("volume", vol)
                    .put("datetime", open.plusSeconds(slot * n * 60).toEpochMilli()));
            i = j;
        }
        return out;
    }

    private Bar minute(Instant start) {
        return minutes.stream().filter(b -> b.start().equals(start)).findFirst().orElseThrow();
    }

    private void stream(int fromMinute, int toMinute) {
        long before = sink.stored();
        for (int m = fromMinute; m <= toMinute; m++) {
            Bar b = minute(ny(10, 0).plusSeconds(m * 60L));
            assertEquals(1, streamer.sendBar("AAPL", 1000 + m, b.open(), b.high(), b.low(), b.close(), b.volume(), b.start().toEpochMilli()));
        }
        await("bars stored", () -> sink.stored() == before + (toMinute - fromMinute + 1));
    }

    static void await(String what, BooleanSupplier condition) {
        Eventually.await(what, condition);
    }

    /** The history a scan reads first, then the candidate set the stream subscribes. */
    private void warmUp() {
        for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M5, Timeframe.M30)) assertFalse(market.bars("AAPL", tf, ny(10, 0), 100).isEmpty());
        market.candidatesChosen(List.of("AAPL"), clock.instant());
        await("AAPL streamed", () -> streamer.chartKeys().contains("AAPL"));
    }

    /** What REST alone answers for the same reads: a fresh market without a stream or a cache. */
    private List<Bar> rest(Timeframe tf, Instant asOf, int count) {
        return new SchwabMarketData(rig.http, new SchwabMarketData.Settings(List.of("AAPL"), Set.of(), 100, null), CAL, clock)
                .bars("AAPL", tf, asOf, count);
    }

    @Test
    void streamedMinutesBuildThe5m30mAnd1hBarsRestWouldGiveWithoutAnotherHistoryCall() {
        warmUp();
        stream(0, 29);
        clock.set(ny(10, 30).plusSeconds(5));
        int calls = md.historyCallsFor("AAPL");
        List<Bar> m1 = market.bars("AAPL", Timeframe.M1, ny(10, 30), 30);
        List<Bar> m5 = market.bars("AAPL", Timeframe.M5, ny(10, 30), 12);
        List<Bar> m30 = market.bars("AAPL", Timeframe.M30, ny(10, 30), 4);
        List<Bar> h1 = market.bars("AAPL", Timeframe.H1, ny(10, 30), 3);
        assertEquals(calls, md.historyCallsFor("AAPL"), "the stream covered the minutes: no price history call");
        assertEquals(ny(10, 29), m1.get(m1.size() - 1).start());
        assertEquals(ny(10, 25), m5.get(m5.size() - 1).start());
        assertEquals(ny(10, 0), m30.get(m30.size() - 1).start());
        assertEquals(ny(9, 30), h1.get(h1.size() - 1).start());
        clock.set(ny(10, 31));   // REST publishes a candle a little after it closes
        assertEquals(rest(Timeframe.M1, ny(10, 30), 30), m1);
        assertEquals(rest(Timeframe.M5, ny(10, 30), 12), m5);
        assertEquals(rest(Timeframe.M30, ny(10, 30), 4), m30);
        assertEquals(rest(Timeframe.H1, ny(10, 30), 3), h1);
    }

    @Test
    void onlyALiveScanMovesTheSubscriptionNotAReplayOfThePast() {
        warmUp();
        market.candidatesChosen(List.of("AMD"), clock.instant().minus(Duration.ofDays(1)));
        market.candidatesChosen(List.of("AAPL", "AMD"), clock.instant());
        await("AMD added", () -> streamer.chartKeys().equals(Set.of("SPY", "QQQ", "AAPL", "AMD")));
        market.candidatesChosen(List.of("AMD"), clock.instant().minus(Duration.ofDays(1)));
        assertEquals(Set.of("SPY", "QQQ", "AAPL", "AMD"), supervisor.wantedChartKeys(), "a backtest's scan leaves the live subscription alone");
    }

    @Test
    void aBarReceivedTwiceIsStoredOnce() {
        warmUp();
        stream(0, 4);
        Bar b = minute(ny(10, 2));
        streamer.sendBar("AAPL", 1002, b.open(), b.high(), b.low(), b.close(), b.volume(), b.start().toEpochMilli());
        await("repeat seen", () -> sink.notStored() == 1);
        assertEquals(5, sink.stored());
        Bar offGrid = new Bar(ny(10, 5).plusSeconds(17), ny(10, 6).plusSeconds(17), 200, 201, 199, 200, 10);
        assertFalse(market.putStreamedMinute("AAPL", offGrid), "a bar off the minute grid is not stored");
        assertFalse(market.putStreamedMinute("ZZZZ", minute(ny(10, 5))), "nor one for a symbol outside the universe");
        Bar preMarket = new Bar(ny(9, 0), ny(9, 1), 200, 201, 199, 200, 10);
        assertFalse(market.putStreamedMinute("AAPL", preMarket), "nor one outside the regular session");
        clock.set(ny(10, 5).plusSeconds(5));
        List<Bar> m1 = market.bars("AAPL", Timeframe.M1, ny(10, 5), 10);
        assertEquals(1, m1.stream().filter(x -> x.start().equals(ny(10, 2))).count());
        assertEquals(List.of(ny(10, 0), ny(10, 1), ny(10, 2), ny(10, 3), ny(10, 4)), m1.subList(5, 10).stream().map(Bar::start).toList());
        assertEquals(minute(ny(10, 0)).volume() + minute(ny(10, 1)).volume() + b.volume() + minute(ny(10, 3)).volume() + minute(ny(10, 4)).volume(),
                market.bars("AAPL", Timeframe.M5, ny(10, 5), 1).get(0).volume(), 1e-9, "the 5m bar counts the repeated minute once");
    }

    @Test
    void aGapLeftByAReconnectIsFilledFromPriceHistoryBeforeTheSymbolIsUsed() {
        warmUp();
        stream(0, 29);
        streamer.dropAll();
        await("reconnected", () -> supervisor.streaming() && streamer.chartKeys().contains("AAPL") && supervisor.state().reconnectsToday() >= 1);
        // 10:30-10:32 were sent while the socket was down: never received.
        stream(33, 34);
        clock.set(ny(10, 35).plusSeconds(40));
        int calls = md.historyCallsFor("AAPL");
        List<Bar> m1 = market.bars("AAPL", Timeframe.M1, ny(10, 35), 35);
        List<Bar> m5 = market.bars("AAPL", Timeframe.M5, ny(10, 35), 7);
        assertTrue(md.historyCallsFor("AAPL") > calls, "the gap was downloaded");
        assertEquals(35, m1.size());
        for (int m = 0; m < 35; m++) assertEquals(minute(ny(10, 0).plusSeconds(m * 60L)), m1.get(m), "minute " + m);
        assertEquals(ny(10, 30), m5.get(m5.size() - 1).start());
        assertEquals(rest(Timeframe.M5, ny(10, 35), 7), m5);
    }
}
