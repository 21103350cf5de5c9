package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.ConfigLoader;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.market.MarketCalendar;
import autotrader.schwab.market.FakeMarketData;
import autotrader.schwab.market.SchwabMarketData;
import autotrader.orders.Broker;
import autotrader.orders.BrokerOrder;
import autotrader.orders.EntryType;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderState;
import autotrader.orders.Side;
import autotrader.orders.paper.PaperBroker;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabRig;
import autotrader.testing.TinyEnsemble;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's road from login to live against the fake Schwab on 127.0.0.1: (a written login, as
 * `schwab login` leaves it) -> `universe build` -> `data fetch` -> a tiny trained model -> `backtest
 * --source store` -> paper on real prices, ending with a paper order filled on the fake's prices.
 */
class RoadToLiveTest {

    static final MarketCalendar CAL = MarketCalendar.nyse();

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeMarketData md;
    Path config;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        md = new FakeMarketData();
        fake.marketData = md;
        config = DataFetchCommandTest.schwabConfig(dir, fake);
        SchwabRig.writeLogin(dir.resolve("state/tokens.json"), fake, Instant.now());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void fromLoginToAPaperOrderFilledOnTheFakesPrices() throws Exception {
        // The fake's market: 300 daily sessions and the last 5 sessions in 5-minute bars, for 3 stocks and the benchmarks.
        LocalDate last = CAL.previousTradingDay(LocalDate.now(MarketCalendar.NEW_YORK));
        LocalDate firstDaily = last, firstIntraday = last;
        for (int i = 0; i < 300; i++) firstDaily = CAL.previousTradingDay(firstDaily);
        for (int i = 0; i < 4; i++) firstIntraday = CAL.previousTradingDay(firstIntraday);
        List<String> all = List.of("AAPL", "MSFT", "NVDA", "SPY", "QQQ");
        for (String s : all) {
            md.addDailyCandles(s, firstDaily, last);
            md.addMinuteCandles(s, 5, firstIntraday, last, true);
            md.addQuote(s, 100, 101, 99, 100.5, 2_000_000, Instant.now(), "Normal");
        }

        // universe build: the ETFs and the warrant are not common stock; the three stocks pass min_price and dollar volume.
        Files.writeString(dir.resolve("nasdaqlisted.txt"), """
                Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares
                AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N
                MSFT|Microsoft Corporation - Common Stock|Q|N|N|100|N|N
                NVDA|NVIDIA Corporation - Common Stock|Q|N|N|100|N|N
                QQQ|Invesco QQQ Trust, Series 1|G|N|N|100|Y|N
                NVDAW|Some Warrants|G|N|N|100|N|N
                """);
        MainTest.Run built = MainTest.run("universe", "build", "--config", config.toString(), "--listed", dir.resolve("nasdaqlisted.txt").toString(),
                "--out", dir.resolve("universe.txt").toString());
        assertEquals(0, built.code(), built.out() + built.err());
        assertTrue(built.out().contains("wrote 3 symbols to " + dir.resolve("universe.txt")), built.out());

        // data fetch: daily history, then the recent 5-minute bars (a second run for another size and range).
        MainTest.Run daily = MainTest.run("data", "fetch", "--config", config.toString(), "--universe", dir.resolve("universe.txt").toString(),
                "--timeframes", "1d", "--from", firstDaily.toString());
        assertEquals(0, daily.code(), daily.out() + daily.err());
        assertTrue(daily.out().contains("fetched 5 symbols x 1 sizes") && daily.out().contains(", 0 series failed"), daily.out());
        MainTest.Run intraday = MainTest.run("data", "fetch", "--config", config.toString(), "--universe", dir.resolve("universe.txt").toString(),
                "--timeframes", "5m", "--from", firstIntraday.toString());
        assertEquals(0, intraday.code(), intraday.out() + intraday.err());
        assertTrue(intraday.out().contains(", 0 series failed"), intraday.out());
        MainTest.Run verify = MainTest.run("data", "verify", "--config", config.toString());
        assertEquals(0, verify.code(), verify.out());
        assertTrue(verify.out().contains("0 broken bars, 0 gaps"), verify.out());

        // train: a tiny ensemble, as the other end-to-end tests train one (the committed LSTM predictors beside it).
        EnsembleTrainer.Result tiny = TinyEnsemble.train();
        Path ensemble = dir.resolve("ensemble-1d");
        EnsembleStore.save(tiny.ensemble(), BacktestCommandTest.withNote(tiny.card(), "labels on 1d bars"), ensemble);
        Files.createDirectories(dir.resolve("strategies"));
        Files.copy(Path.of("..", "strategies", "swing.yaml"), dir.resolve("strategies/swing.yaml"));
        Files.createDirectories(dir.resolve("rules"));
        try (Stream<Path> rules = Files.list(Path.of("..", "rules"))) {
            for (Path r : rules.filter(p -> p.toString().endsWith(".drl")).toList()) Files.copy(r, dir.resolve("rules").resolve(r.getFileName()));
        }
        Files.writeString(config, Files.readString(config) + "predict:\n  models_dir: " + Path.of("..", "models", "predictors").toAbsolutePath() + "\n");

        // backtest on the store: the last 10 daily sessions before the 5-minute ones.
        LocalDate to = CAL.previousTradingDay(firstIntraday), from = to;
        for (int i = 0; i < 9; i++) from = CAL.previousTradingDay(from);
        Path report = dir.resolve("report");
        MainTest.Run bt = MainTest.run("backtest", "--config", config.toString(), "--strategy", "swing", "--source", "store", "--from", from.toString(),
                "--to", to.toString(), "--models", "fixed", "--ensemble", ensemble.toString(), "--report", report.toString(), "--look-ahead-samples", "0");
        assertEquals(0, bt.code(), bt.out() + bt.err());
        JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals(10, m.at("/run/sessions").asInt(), m.at("/run").toString());
        assertTrue(m.at("/run/source").asText().startsWith("store "), m.at("/run").toString());

        // run in paper on real prices: market.source schwab, the paper broker filling on the fake's bars.
        Files.writeString(config, Files.readString(config).replace("  source: sim\n", "  source: schwab\n  schwab:\n    universe_file: universe.txt\n"));
        AppContext ctx = new AppContext(new ConfigLoader(Map.of()).load(config));
        assertInstanceOf(SchwabMarketData.class, ctx.market());
        assertEquals("PAPER with REAL PRICES", ctx.config().mode.shown(ctx.market().simulated()), "what the desk and Telegram call this mode");
        Instant placed = CAL.openInstant(last).plusSeconds(3600);
        AtomicReference<Instant> now = new AtomicReference<>(placed);
        Broker broker = ctx.broker(now::get, Notifier.log());
        assertInstanceOf(PaperBroker.class, broker);
        String id = broker.place(OrderRequest.entry("road", "AAPL", Side.BUY, 10, EntryType.MARKET, null, null, null, null)).brokerOrderId().orElseThrow();
        now.set(placed.plusSeconds(20 * 60));
        BrokerOrder o = broker.order(id).orElseThrow();
        assertEquals(OrderState.FILLED, o.state(), o.toString());
        // The fill: the open of the fake's 5-minute candle that starts when the order was placed, 5 bps worse (paper.slippage_bps).
        ObjectNode candle = md.candles.get("AAPL|minute|5").stream().filter(c -> c.get("datetime").asLong() == placed.toEpochMilli()).findFirst()
                .orElseThrow();
        double open = candle.get("open").asDouble();
        assertEquals(open * 1.0005, o.fills().get(0).price().doubleValue(), 0.0051, "filled on the fake's price " + open + ": " + o);
        assertTrue(fake.requestLog.stream().noneMatch(r -> r.contains("/orders")), "paper: no order reached Schwab");
    }
}
