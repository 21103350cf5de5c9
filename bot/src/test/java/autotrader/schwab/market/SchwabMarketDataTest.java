package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabRig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** SchwabMarketData against the fake Schwab server on 127.0.0.1 (SCHWAB.md 11), with a settable clock. */
class SchwabMarketDataTest {

    static final ZoneId NY = MarketCalendar.NEW_YORK;
    static final MarketCalendar CAL = MarketCalendar.nyse();

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeMarketData md;
    SchwabRig rig;
    MutableClock clock;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        md = new FakeMarketData();
        fake.marketData = md;
        SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
        rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
        clock = new MutableClock(ny(2024, 10, 28, 8, 0));     // Monday before the open: the week before is history
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static Instant ny(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(NY).toInstant();
    }

    SchwabMarketData market(int batch, List<String> universe) {
        return new SchwabMarketData(rig.http, new SchwabMarketData.Settings(universe, Set.of("SPY", "QQQ"), batch, dir.resolve("bars")), CAL, clock);
    }

    SchwabMarketData market() {
        return market(100, List.of("AAPL", "AMD", "MSFT"));
    }

    long marketRequests(String path) {
        synchronized (fake.requestLog) {
            return fake.requestLog.stream().filter(r -> r.startsWith("GET " + path)).count();
        }
    }

    // ---------------------------------------------------------------- quotes

    @Test
    void quotesAreBatchedAndAMissingSymbolIsSkipped() {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 451; i++) symbols.add("S" + i);
        Instant now = ny(2024, 10, 18, 11, 0);
        clock.set(now);
        for (String s : symbols) if (!s.equals("S300")) md.addQuote(s, 20, 21, 19, 20.5, 1000, now.minusSeconds(3), "Normal");
        SchwabMarketData m = market(200, symbols);

        int got = m.refreshQuotes(symbols);

        assertEquals(450, got);
        assertEquals(3, md.quoteCalls.size(), "ceil(451 / 200) calls, not one per symbol");
        assertEquals(List.of(200, 200, 51), md.quoteCalls.stream().map(List::size).toList());
        List<String> sent = md.quoteCalls.stream().flatMap(List::stream).toList();
        assertEquals(symbols, sent, "every symbol once, in order, split across the batches");
        assertTrue(m.quote("S300").isEmpty(), "missing from the answer: skipped");
        assertEquals(20.5, m.quote("S301").orElseThrow().lastPrice());
        assertTrue(fake.requestLog.stream().filter(r -> r.contains("/quotes")).allMatch(r -> r.contains("fields=quote,fundamental")));
    }

    @Test
    void sessionSoFarComesFromTheQuote() {
        Instant now = ny(2024, 10, 18, 11, 0);
        clock.set(now);
        md.addQuote("AAPL", 236.18, 236.18, 234.01, 234.87, 46430718, now.minusSeconds(2), "Normal");
        md.addQuote("HALT", 10, 11, 9, 10.5, 5000, now.minusSeconds(600), "Halted");
        md.addQuote("STALE", 10, 11, 9, 10.5, 5000, ny(2024, 10, 17, 15, 59), "Normal");
        SchwabMarketData m = market(100, List.of("AAPL", "HALT", "STALE", "NOPE"));
        assertEquals(3, m.refreshQuotes(List.of("AAPL", "HALT", "STALE", "NOPE")));

        Bar b = m.sessionSoFar("AAPL", now).orElseThrow();
        assertEquals(ny(2024, 10, 18, 9, 30), b.start());
        assertEquals(now, b.end());
        assertEquals(236.18, b.open());
        assertEquals(236.18, b.high());
        assertEquals(234.01, b.low());
        assertEquals(234.87, b.close());
        assertEquals(46430718, b.volume());
        // A quote fetched later than asOf is not known at asOf (beyond a small tolerance for the scan itself).
        assertTrue(m.sessionSoFar("AAPL", now.minus(Duration.ofMinutes(10))).isEmpty());
        assertEquals(now.minusSeconds(30), m.sessionSoFar("AAPL", now.minusSeconds(30)).orElseThrow().end());
        assertTrue(m.sessionSoFar("AAPL", ny(2024, 10, 18, 16, 30)).isEmpty(), "no session open");
        assertTrue(m.sessionSoFar("HALT", now).isEmpty(), "not Normal");
        assertTrue(m.sessionSoFar("STALE", now).isEmpty(), "no trade today");
        assertTrue(m.sessionSoFar("NOPE", now).isEmpty());
    }

    @Test
    void prepareScanFetchesQuotesOncePerScanOnlyWhenAsOfIsNow() {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 398; i++) symbols.add("S" + i);
        Instant now = ny(2024, 10, 18, 11, 0);
        clock.set(now);
        for (String s : symbols) md.addQuote(s, 20, 21, 19, 20.5, 1000, now.minusSeconds(3), "Normal");
        SchwabMarketData m = market(200, symbols);

        m.prepareScan(symbols, now, 26);
        assertEquals(2, md.quoteCalls.size(), "398 symbols + SPY and QQQ = 400: two calls of 200");
        assertTrue(m.sessionSoFar("S5", now).isPresent());

        m.prepareScan(symbols, now.minus(Duration.ofHours(1)), 26);
        m.prepareScan(symbols, ny(2024, 10, 18, 17, 0), 26);
        assertEquals(2, md.quoteCalls.size(), "a scan of another time, or outside the session, fetches no quotes");
    }

    // ---------------------------------------------------------------- price history

    @Test
    void thirtyMinuteCandlesBecomeRegularSessionBars() {
        md.addMinuteCandles("AAPL", 30, LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 25), true);
        SchwabMarketData m = market();
        Instant asOf = ny(2024, 10, 24, 16, 0);

        List<Bar> bars = m.bars("AAPL", Timeframe.M30, asOf, 26);

        assertEquals(26, bars.size());
        assertEquals(ny(2024, 10, 23, 9, 30), bars.get(0).start());
        assertEquals(ny(2024, 10, 23, 10, 0), bars.get(0).end());
        assertEquals(ny(2024, 10, 24, 15, 30), bars.get(25).start());
        assertEquals(asOf, bars.get(25).end());
        for (Bar b : bars) assertTrue(CAL.isOpen(b.start()) && b.isValid(), "regular session only: " + b);
        HttpUrl call = md.historyCalls.get(0);
        assertEquals("day", call.queryParameter("periodType"));
        assertEquals("minute", call.queryParameter("frequencyType"));
        assertEquals("30", call.queryParameter("frequency"));
        assertEquals("false", call.queryParameter("needExtendedHoursData"));
        assertEquals(asOf.toEpochMilli(), Long.parseLong(call.queryParameter("endDate")));
    }

    @Test
    void dailyCandlesStampedMidnightChicagoAreThatSession() {
        md.addDailyCandles("AAPL", LocalDate.of(2023, 9, 1), LocalDate.of(2024, 10, 25));
        SchwabMarketData m = market();

        List<Bar> bars = m.bars("AAPL", Timeframe.D1, ny(2024, 10, 24, 12, 0), 5);

        assertEquals(5, bars.size());
        Bar last = bars.get(4);
        assertEquals(ny(2024, 10, 23, 9, 30), last.start(), "Thursday noon: Wednesday is the last complete session");
        assertEquals(ny(2024, 10, 23, 16, 0), last.end());
        HttpUrl call = md.historyCalls.get(0);
        assertEquals("year", call.queryParameter("periodType"));
        assertEquals("daily", call.queryParameter("frequencyType"));
        assertEquals("1", call.queryParameter("frequency"));
        Instant start = Instant.ofEpochMilli(Long.parseLong(call.queryParameter("startDate")));
        assertEquals(0, start.atZone(ZoneId.of("America/Chicago")).getHour(), "daily windows start at 00:00 Chicago");
        assertEquals(ny(2024, 10, 24, 16, 0), m.bars("AAPL", Timeframe.D1, ny(2024, 10, 24, 16, 0), 1).get(0).end());
    }

    @Test
    void oneHourAndSixHourBarsAreBuiltFromThirtyMinutes() {
        md.addMinuteCandles("AAPL", 30, LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 25), false);
        SchwabMarketData m = market();
        Instant close = ny(2024, 10, 24, 16, 0);
        List<Bar> m30 = m.bars("AAPL", Timeframe.M30, close, 13);

        List<Bar> h1 = m.bars("AAPL", Timeframe.H1, close, 7);
        assertEquals(7, h1.size());
        assertEquals(ny(2024, 10, 24, 9, 30), h1.get(0).start());
        assertEquals(ny(2024, 10, 24, 10, 30), h1.get(0).end());
        assertEquals(ny(2024, 10, 24, 15, 30), h1.get(6).start());
        assertEquals(close, h1.get(6).end(), "the last hourly bar is 15:30-16:00");
        Bar first = h1.get(0);
        assertEquals(m30.get(0).open(), first.open());
        assertEquals(m30.get(1).close(), first.close());
        assertEquals(Math.max(m30.get(0).high(), m30.get(1).high()), first.high());
        assertEquals(m30.get(0).volume() + m30.get(1).volume(), first.volume());

        List<Bar> h6 = m.bars("AAPL", Timeframe.H6, close, 2);
        assertEquals(ny(2024, 10, 24, 9, 30), h6.get(0).start());
        assertEquals(ny(2024, 10, 24, 15, 30), h6.get(0).end());
        assertEquals(close, h6.get(1).end());
        double vol = 0;
        for (int i = 0; i < 12; i++) vol += m30.get(i).volume();
        assertEquals(vol, h6.get(0).volume());

        Instant noon = ny(2024, 10, 24, 12, 15);
        List<Bar> h1Noon = m.bars("AAPL", Timeframe.H1, noon, 3);
        assertEquals(ny(2024, 10, 24, 11, 30), h1Noon.get(2).end(), "11:30-12:30 is still forming at 12:15");
        assertEquals(ny(2024, 10, 23, 16, 0), m.bars("AAPL", Timeframe.H6, noon, 1).get(0).end(), "today's 6h bar is not complete");
        assertTrue(md.historyCalls.stream().allMatch(u -> "30".equals(u.queryParameter("frequency"))), "Schwab has no 60 or 360");
    }

    @Test
    void anEarlyCloseCutsTheLastBars() {
        md.addMinuteCandles("AAPL", 30, LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 29), true);
        md.addDailyCandles("AAPL", LocalDate.of(2024, 1, 2), LocalDate.of(2024, 11, 29));
        clock.set(ny(2024, 12, 2, 8, 0));
        SchwabMarketData m = market();
        Instant close = ny(2024, 11, 29, 13, 0);
        Instant later = ny(2024, 11, 29, 18, 0);

        assertEquals(close, m.bars("AAPL", Timeframe.M30, later, 1).get(0).end());
        Bar h6 = m.bars("AAPL", Timeframe.H6, later, 1).get(0);
        assertEquals(ny(2024, 11, 29, 9, 30), h6.start());
        assertEquals(close, h6.end());
        assertEquals(close, m.bars("AAPL", Timeframe.D1, later, 1).get(0).end());
    }

    @Test
    void noBarEndsAfterAsOf() {
        md.addMinuteCandles("AAPL", 1, LocalDate.of(2024, 10, 23), LocalDate.of(2024, 10, 25), true);
        md.addMinuteCandles("AAPL", 5, LocalDate.of(2024, 10, 14), LocalDate.of(2024, 10, 25), true);
        md.addMinuteCandles("AAPL", 30, LocalDate.of(2024, 9, 23), LocalDate.of(2024, 10, 25), true);
        md.addDailyCandles("AAPL", LocalDate.of(2023, 9, 1), LocalDate.of(2024, 10, 25));
        SchwabMarketData m = market();
        for (Instant asOf = ny(2024, 10, 24, 9, 0); asOf.isBefore(ny(2024, 10, 24, 16, 30)); asOf = asOf.plusSeconds(17 * 60 + 13)) {
            for (Timeframe tf : Timeframe.values()) {
                List<Bar> bars = m.bars("AAPL", tf, asOf, 20);
                assertFalse(bars.isEmpty(), tf + " at " + asOf);
                for (Bar b : bars) assertFalse(b.end().isAfter(asOf), tf + " bar " + b + " ends after " + asOf);
                for (int i = 1; i < bars.size(); i++) assertTrue(bars.get(i).start().isAfter(bars.get(i - 1).start()));
            }
        }
        Instant aligned = ny(2024, 10, 24, 10, 35);
        assertEquals(aligned, m.bars("AAPL", Timeframe.M1, aligned, 1).get(0).end(), "a bar ending exactly at asOf is complete");
        assertEquals(aligned, m.bars("AAPL", Timeframe.M5, aligned, 1).get(0).end());
    }

    // ---------------------------------------------------------------- cache

    @Test
    void theCacheFetchesOnlyTheMissingTail() throws Exception {
        md.addMinuteCandles("AAPL", 5, LocalDate.of(2024, 10, 14), LocalDate.of(2024, 10, 25), false);
        SchwabMarketData m = market();
        Instant asOf = ny(2024, 10, 24, 12, 0);

        List<Bar> first = m.bars("AAPL", Timeframe.M5, asOf, 50);
        assertEquals(1, md.historyCalls.size());
        assertEquals(first, m.bars("AAPL", Timeframe.M5, asOf, 50));
        assertEquals(first.subList(30, 50), m.bars("AAPL", Timeframe.M5, asOf, 20));
        assertEquals(1, md.historyCalls.size(), "the same range again: no request");
        assertEquals(first, m.bars("AAPL", Timeframe.M5, asOf.plusSeconds(240), 50));
        assertEquals(1, md.historyCalls.size(), "no new 5m bar can have completed by 12:04");

        Instant later = ny(2024, 10, 24, 13, 0);
        List<Bar> next = m.bars("AAPL", Timeframe.M5, later, 50);
        assertEquals(2, md.historyCalls.size());
        HttpUrl tail = md.historyCalls.get(1);
        assertEquals(ny(2024, 10, 24, 11, 55).toEpochMilli(), Long.parseLong(tail.queryParameter("startDate")),
                "the tail starts at the last cached bar");
        assertEquals(later.toEpochMilli(), Long.parseLong(tail.queryParameter("endDate")));
        assertEquals(later, next.get(49).end());
        assertEquals(first.get(49), next.get(37), "cached and new bars join without a gap or a duplicate");

        Path file = dir.resolve("bars").resolve("AAPL_5m.csv.gz");
        assertTrue(Files.isRegularFile(file), "kept on disk");
        SchwabMarketData restarted = market();
        assertEquals(next, restarted.bars("AAPL", Timeframe.M5, later, 50));
        assertEquals(2, md.historyCalls.size(), "after a restart the disk cache answers");
    }

    @Test
    void barsStillFormingAtFetchTimeAreNotCached() {
        md.addMinuteCandles("AAPL", 1, LocalDate.of(2024, 10, 18), LocalDate.of(2024, 10, 25), false);
        Instant now = ny(2024, 10, 24, 10, 0).plusSeconds(10);
        clock.set(now);
        SchwabMarketData m = market();

        List<Bar> bars = m.bars("AAPL", Timeframe.M1, now, 5);
        // 09:59-10:00 ended only 10 s ago (Schwab may not have it final yet): not stored as complete.
        assertEquals(ny(2024, 10, 24, 9, 59), bars.get(4).end());
        clock.set(now.plusSeconds(60));
        assertEquals(ny(2024, 10, 24, 10, 0), m.bars("AAPL", Timeframe.M1, now.plusSeconds(60), 5).get(4).end());
        assertEquals(2, md.historyCalls.size());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutThenSucceeds() {
        md.addDailyCandles("AAPL", LocalDate.of(2023, 9, 1), LocalDate.of(2024, 10, 25));
        fake.readFaults.add(429);
        fake.retryAfter = "3";
        SchwabMarketData m = market();

        List<Bar> bars = m.bars("AAPL", Timeframe.D1, ny(2024, 10, 25, 16, 0), 10);

        assertEquals(10, bars.size());
        assertEquals(List.of(Duration.ofSeconds(3)), rig.sleeps);
        assertEquals(2, marketRequests("/marketdata/v1/pricehistory"), "the 429 and the retry");
    }

    @Test
    void malformedJsonIsSkippedWithoutACrash() {
        md.addMinuteCandles("AAPL", 30, LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 25), false);
        md.addMinuteCandles("AMD", 30, LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 25), false);
        md.malformedHistory.add("MSFT");
        SchwabMarketData m = market();
        Instant asOf = ny(2024, 10, 24, 16, 0);

        fake.malformedReads = 1;
        assertEquals(List.of(), m.bars("AAPL", Timeframe.M30, asOf, 5), "truncated JSON: nothing, no exception");
        assertEquals(List.of(), m.bars("MSFT", Timeframe.M30, asOf, 5));
        assertEquals(5, m.bars("AMD", Timeframe.M30, asOf, 5).size(), "other symbols go on");
        long before = marketRequests("/marketdata/v1/pricehistory");
        assertEquals(List.of(), m.bars("AAPL", Timeframe.M30, asOf, 5));
        assertEquals(before, marketRequests("/marketdata/v1/pricehistory"), "a failed series is not asked again at once");
        clock.set(clock.instant().plus(Duration.ofMinutes(2)));
        assertEquals(5, m.bars("AAPL", Timeframe.M30, asOf, 5).size(), "tried again later");

        Instant now = ny(2024, 10, 18, 11, 0);
        clock.set(now);
        md.addQuote("AAPL", 20, 21, 19, 20.5, 1000, now, "Normal");
        md.addQuote("AMD", 20, 21, 19, 20.5, 1000, now, "Normal");
        fake.malformedReads = 1;
        SchwabMarketData q = market(1, List.of("AAPL", "AMD"));
        assertEquals(1, q.refreshQuotes(List.of("AAPL", "AMD")), "the malformed batch is skipped, the next one stored");
        assertTrue(q.quote("AAPL").isEmpty());
        assertTrue(q.quote("AMD").isPresent());
    }

    @Test
    void invalidCandlesAreSkippedAndNumbersAsStringsAccepted() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long t0 = ny(2024, 10, 24, 9, 30).toEpochMilli(), step = 30 * 60_000L;
        md.candles.put("ODD|minute|30", new ArrayList<>(List.of(
                json.readValue("{\"open\":10,\"high\":11,\"low\":9,\"close\":10.5,\"volume\":100,\"datetime\":" + t0 + "}", ObjectNode.class),
                json.readValue("{\"open\":\"abc\",\"high\":11,\"low\":9,\"close\":10.5,\"volume\":100,\"datetime\":" + (t0 + step) + "}", ObjectNode.class),
                json.readValue("{\"open\":10,\"high\":8,\"low\":9,\"close\":10.5,\"volume\":100,\"datetime\":" + (t0 + 2 * step) + "}", ObjectNode.class),
                json.readValue("{\"open\":10,\"high\":11,\"low\":9,\"close\":10.5,\"volume\":100,\"datetime\":" + (t0 + 3 * step + 900_000) + "}", ObjectNode.class),
                json.readValue("{\"open\":\"10.25\",\"high\":\"11\",\"low\":9,\"close\":10.5,\"volume\":\"100\",\"extra\":true,\"datetime\":" + (t0 + 4 * step) + "}", ObjectNode.class),
                json.readValue("{\"open\":10,\"high\":11,\"low\":9,\"close\":10.5,\"volume\":100}", ObjectNode.class))));
        SchwabMarketData m = market(100, List.of("ODD"));

        List<Bar> bars = m.bars("ODD", Timeframe.M30, ny(2024, 10, 24, 16, 0), 10);

        assertEquals(2, bars.size(), String.valueOf(bars));
        assertEquals(ny(2024, 10, 24, 9, 30), bars.get(0).start());
        assertEquals(10.25, bars.get(1).open());
        assertEquals(ny(2024, 10, 24, 11, 30), bars.get(1).start());
    }

    @Test
    void httpErrorsSkipTheSymbolAndServerTroublePausesDownloads() {
        md.addDailyCandles("AAPL", LocalDate.of(2023, 9, 1), LocalDate.of(2024, 10, 25));
        md.notFound.add("GONE");
        SchwabMarketData m = market(100, List.of("AAPL", "GONE", "AMD"));
        Instant asOf = ny(2024, 10, 25, 16, 0);

        assertEquals(List.of(), m.bars("GONE", Timeframe.D1, asOf, 5), "404: skipped");
        assertEquals(5, m.bars("AAPL", Timeframe.D1, asOf, 5).size(), "a 404 pauses only that symbol");

        for (int i = 0; i < 4; i++) fake.readFaults.add(503);
        assertEquals(List.of(), m.bars("AMD", Timeframe.D1, asOf, 5), "503 after every retry: skipped");
        long before = marketRequests("/marketdata/v1/pricehistory");
        assertEquals(List.of(), m.bars("MSFT", Timeframe.D1, asOf, 5));
        assertEquals(before, marketRequests("/marketdata/v1/pricehistory"), "server trouble: no download for a minute");
        clock.set(clock.instant().plus(Duration.ofMinutes(2)));
        md.addDailyCandles("MSFT", LocalDate.of(2023, 9, 1), LocalDate.of(2024, 10, 25));
        assertEquals(5, m.bars("MSFT", Timeframe.D1, asOf, 5).size());
    }

    @Test
    void unknownSymbolsAndEmptyHistoryAreNotErrors() {
        SchwabMarketData m = market();
        assertEquals(List.of(), m.bars("AAPL", Timeframe.M5, ny(2024, 10, 24, 12, 0), 10));
        assertEquals(List.of(), m.bars("AAPL", Timeframe.M5, ny(2024, 10, 24, 12, 0), 10));
        assertEquals(1, md.historyCalls.size(), "an empty answer is remembered as covered");
        assertTrue(m.has("AAPL") && m.has("SPY") && !m.has("ZZZZ"));
        assertEquals(List.of("AAPL", "AMD", "MSFT"), m.universe());
        assertEquals(clock.instant(), m.lastAvailable());
        assertFalse(m.simulated());
        assertTrue(PriceHistory.valid("day", "minute", 30));
        assertFalse(PriceHistory.valid("day", "minute", 60));
        assertFalse(PriceHistory.valid("day", "daily", 1));
        assertTrue(PriceHistory.valid("year", "daily", 1));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
