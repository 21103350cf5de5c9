package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.store.BarStore;
import autotrader.progress.Progress;
import autotrader.progress.ProgressBars;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabRig;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** `data fetch`'s engine against the fake Schwab server on 127.0.0.1: depth, resume, and every bad answer reported, never stored. */
class HistoryFetchTest {

    static final MarketCalendar CAL = MarketCalendar.nyse();
    /** Friday 2024-11-01 before the open: the sessions up to Thursday's close are settled. */
    static final Clock NOW = Clock.fixed(LocalDateTime.of(2024, 11, 1, 8, 0).atZone(MarketCalendar.NEW_YORK).toInstant(), ZoneOffset.UTC);

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeMarketData md;
    SchwabRig rig;
    BarStore store;
    final List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        md = new FakeMarketData();
        fake.marketData = md;
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        store = new BarStore(dir.resolve("store"));
    }

    @AfterEach
    void stop() {
        store.close();
        fake.close();
    }

    HistoryFetch fetch() {
        return new HistoryFetch(rig.http, store, CAL, NOW);
    }

    static Map<String, HistoryFetch.Outcome> bySeries(List<HistoryFetch.Outcome> out) {
        return out.stream().collect(Collectors.toMap(o -> o.symbol() + " " + o.timeframe().label(), Function.identity()));
    }

    @Test
    void barsAreStoredOnceAndASecondRunAsksForNothing() {
        // Candles through Friday 11-01 too: a session not yet over at the fetch's time is not stored.
        md.addMinuteCandles("AAPL", 5, LocalDate.of(2024, 10, 21), LocalDate.of(2024, 11, 1), true);
        md.addDailyCandles("AAPL", LocalDate.of(2024, 9, 3), LocalDate.of(2024, 11, 1));
        List<HistoryFetch.Outcome> first = fetch().run(List.of("AAPL"), List.of(Timeframe.M5, Timeframe.D1), LocalDate.of(2024, 10, 21), null,
                ProgressBars.lines(progress::add, Duration.ofMinutes(1)));
        var s = bySeries(first);
        // 10-21..10-31: 9 sessions of 78 five-minute bars; pre- and after-market candles dropped.
        assertEquals(9 * 78, s.get("AAPL 5m").stored(), first.toString());
        assertEquals(9 * 78, s.get("AAPL 5m").added());
        assertEquals(9, s.get("AAPL 1d").stored(), "daily bars from --from on, Friday's not yet");
        assertNull(s.get("AAPL 5m").failure());
        assertEquals(0, s.get("AAPL 5m").gaps());
        List<Bar> bars = store.read("AAPL", Timeframe.M5);
        assertEquals(CAL.openInstant(LocalDate.of(2024, 10, 21)), bars.get(0).start());
        assertEquals(CAL.closeInstant(LocalDate.of(2024, 10, 31)), bars.get(bars.size() - 1).end());
        assertEquals("schwab", store.coverage("AAPL", Timeframe.M5).orElseThrow().sources());
        assertTrue(progress.get(progress.size() - 1).matches("fetch: 2/2 requests \\(100\\.0%\\), .* - AAPL 1d .*"), progress.toString());

        int calls = md.historyCalls.size();
        var again = bySeries(fetch().run(List.of("AAPL"), List.of(Timeframe.M5, Timeframe.D1), LocalDate.of(2024, 10, 21), null, Progress.NONE));
        assertEquals(calls, md.historyCalls.size(), "everything asked for already: no request");
        assertEquals(0, again.get("AAPL 5m").requests());
        assertEquals(9 * 78, again.get("AAPL 5m").stored());
    }

    @Test
    void withoutFromEachSizeGoesAsDeepAsSchwabServesIt() {
        fetch().run(List.of("AAPL"), List.of(Timeframe.M1, Timeframe.D1), null, LocalDate.of(2024, 10, 31), Progress.NONE);
        List<Long> starts1m = new ArrayList<>(), starts1d = new ArrayList<>();
        for (var u : md.historyCalls) {
            long start = Long.parseLong(u.queryParameter("startDate"));
            (u.queryParameter("frequencyType").equals("minute") ? starts1m : starts1d).add(start);
        }
        Instant settled = LocalDate.of(2024, 11, 1).atStartOfDay(MarketCalendar.NEW_YORK).toInstant();
        assertEquals(settled.minus(Duration.ofDays(48)).toEpochMilli(), starts1m.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertEquals(5, starts1m.size(), "48 days of 1m in 10-day requests");
        assertEquals(List.of(LocalDate.of(1985, 1, 1).atStartOfDay(PriceHistory.CHICAGO).toInstant().toEpochMilli()), starts1d,
                "daily bars in one request from 1985");
    }

    @Test
    void badAnswersAreReportedPerSeriesNeverStoredAndTheOthersGoOn() {
        md.addMinuteCandles("AAPL", 30, LocalDate.of(2024, 10, 28), LocalDate.of(2024, 10, 31), false);
        md.addMinuteCandles("GONE", 30, LocalDate.of(2024, 10, 28), LocalDate.of(2024, 10, 31), false);
        md.addMinuteCandles("TRNC", 30, LocalDate.of(2024, 10, 28), LocalDate.of(2024, 10, 31), false);
        md.notFound.add("GONE");
        md.malformedHistory.add("TRNC");
        List<HistoryFetch.Outcome> out = fetch().run(List.of("GONE", "TRNC", "NADA", "BAD$", "AAPL"), List.of(Timeframe.M30),
                LocalDate.of(2024, 10, 28), null, Progress.NONE);
        var s = bySeries(out);
        assertTrue(s.get("GONE 30m").failure().contains("HTTP 404"), s.get("GONE 30m").toString());
        assertTrue(s.get("TRNC 30m").failure().contains("malformed"), s.get("TRNC 30m").toString());
        assertTrue(s.get("NADA 30m").failure().startsWith("empty history"), s.get("NADA 30m").toString());
        assertTrue(s.get("BAD$ 30m").failure().contains("is not a ticker"), s.get("BAD$ 30m").toString());
        for (String bad : List.of("GONE", "TRNC", "NADA")) assertTrue(store.read(bad, Timeframe.M30).isEmpty(), bad);
        assertEquals(4 * 13, s.get("AAPL 30m").stored(), "the good symbol after the bad ones");
        assertNull(s.get("AAPL 30m").failure());
    }

    @Test
    void a429ThatOutlastsTheRetriesEndsTheSeriesAndTheNextRunResumesWhereItStopped() {
        md.addMinuteCandles("AAPL", 5, LocalDate.of(2024, 8, 1), LocalDate.of(2024, 10, 31), false);
        // Three 31-day requests from 08-01; the second one answers 429 four times (the first try and three retries).
        List<String> lines = new ArrayList<>();
        var failing = new Object() {
            int seen;
        };
        Progress afterFirst = (task, total, unit) -> new Progress.Task() {
            @Override
            public void stepTo(long done) {
                lines.add(task + " " + done + "/" + total);
                if (++failing.seen == 1) for (int i = 0; i < 4; i++) fake.readFaults.add(429);
            }

            @Override
            public void total(long t) {
            }

            @Override
            public void note(String text) {
            }

            @Override
            public void close() {
            }
        };
        List<HistoryFetch.Outcome> out = fetch().run(List.of("AAPL"), List.of(Timeframe.M5), LocalDate.of(2024, 8, 1), null, afterFirst);
        HistoryFetch.Outcome first = out.get(0);
        assertTrue(first.failure().startsWith("HTTP 429"), first.toString());
        assertEquals(2, first.requests());
        long storedAfterFirst = first.stored();
        assertTrue(storedAfterFirst > 0 && storedAfterFirst < 64 * 78, "the first window only: " + first);
        int calls = md.historyCalls.size();

        HistoryFetch.Outcome second = fetch().run(List.of("AAPL"), List.of(Timeframe.M5), LocalDate.of(2024, 8, 1), null, Progress.NONE).get(0);
        assertNull(second.failure());
        assertEquals(2, second.requests(), "the window that failed and the one after it, not the first again");
        assertEquals(calls + 2, md.historyCalls.size());
        assertEquals(storedAfterFirst + second.added(), second.stored());
        assertEquals(0, second.gaps(), "08-01..10-31 complete");
        assertEquals(CAL.openInstant(LocalDate.of(2024, 8, 1)), store.read("AAPL", Timeframe.M5).get(0).start());
    }

    @Test
    void sizesSchwabDoesNotServeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fetch().run(List.of("AAPL"), List.of(Timeframe.H1), null, null, Progress.NONE));
        assertTrue(e.getMessage().contains("Schwab has no 1h bars"), e.getMessage());
    }
}
