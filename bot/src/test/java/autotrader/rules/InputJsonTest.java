package autotrader.rules;

import autotrader.market.MarketCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decision and account files, and the trading-time arithmetic behind the cool-down. */
class InputJsonTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheEnsembleShapeAndIgnoresUnknownFields() {
        List<Signal> s = DecisionReader.parse("d.json", """
                {"symbol": "aapl", "decision": "buy", "confidence": 0.81, "expected_return": 1.4, "risk_score": 5,
                 "time_horizon": "1h", "price": 191.25, "models_agree": 4,
                 "predictions": {"1m": {"price": 191.3, "return": 0.02}},
                 "risk_metrics": {"forecast_volatility": 0.007, "var_95": 0.012, "cvar_95": 0.017, "beta": 1.2,
                                  "correlation_spy": 0.66, "correlation_qqq": 0.71, "tail_dependence": 0.25, "vol_regime": "high",
                                  "new_metric": 1},
                 "unknown": {"nested": [1, 2]}}
                """);
        Signal a = s.get(0);
        assertEquals("AAPL", a.getSymbol());
        assertEquals("BUY", a.getDecision());
        assertEquals(0.81, a.getConfidence());
        assertEquals(1.4, a.getExpectedReturn());
        assertEquals(5, a.getRiskScore());
        assertEquals("1h", a.getTimeHorizon());
        assertEquals(191.25, a.getPrice());
        assertEquals(4, a.getModelsAgree());
        assertEquals(0.007, a.getForecastVolatility());
        assertEquals(0.012, a.getVar95());
        assertEquals(0.017, a.getCvar95());
        assertEquals(1.2, a.getBeta());
        assertEquals(0.66, a.getCorrelationSpy());
        assertEquals(0.71, a.getCorrelationQqq());
        assertEquals(0.25, a.getTailDependence());
        assertEquals("high", a.getVolRegime());
    }

    @Test
    void acceptsAListOrADecisionsObject() {
        assertEquals(2, DecisionReader.parse("x", "[{\"symbol\":\"A\",\"decision\":\"HOLD\",\"confidence\":0.5,\"risk_score\":3},"
                + "{\"symbol\":\"B\",\"decision\":\"SELL\",\"confidence\":0.5,\"risk_score\":3}]").size());
        assertEquals(1, DecisionReader.parse("x", "{\"decisions\":[{\"symbol\":\"A\",\"decision\":\"HOLD\",\"confidence\":0.5,\"risk_score\":3}]}").size());
    }

    @Test
    void errorsNameTheFileAndTheField() {
        assertMessage("d.json: [0].price: is missing", "[{\"symbol\":\"A\",\"decision\":\"BUY\",\"confidence\":0.8,\"risk_score\":3}]");
        assertMessage("d.json: confidence: must be between 0.0 and 1.0, not 1.5", "{\"symbol\":\"A\",\"decision\":\"BUY\",\"confidence\":1.5,\"risk_score\":3,\"price\":1}");
        assertMessage("d.json: decision: must be BUY, SELL or HOLD, not SHORT", "{\"symbol\":\"A\",\"decision\":\"short\",\"confidence\":0.5,\"risk_score\":3}");
        assertMessage("d.json: risk_score: is missing", "{\"symbol\":\"A\",\"decision\":\"BUY\",\"confidence\":0.5,\"price\":3}");
        assertMessage("d.json: risk_metrics.forecast_volatility: must be a number", "{\"symbol\":\"A\",\"decision\":\"BUY\",\"confidence\":0.5,"
                + "\"risk_score\":3,\"price\":3,\"risk_metrics\":{\"forecast_volatility\":\"0.01\"}}");
        assertMessage("d.json: not valid JSON at line 1", "{\"symbol\":");
    }

    private static void assertMessage(String expected, String json) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> DecisionReader.parse("d.json", json));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void accountDefaultsAndPositions() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.json"), """
                {"equity": 50000, "day_pnl": -500, "positions": [{"symbol": "nvda", "quantity": 10, "entry_price": 120.5}],
                 "stop_outs": [{"symbol": "AMD", "time": "2025-03-11T10:00:00-04:00"}]}
                """);
        AccountJson.Snapshot s = AccountJson.read(f, 100_000);
        assertEquals(50_000, s.account().getEquity());
        assertEquals(50_000, s.account().getBuyingPower());
        assertEquals(1, s.account().getOpenPositions());
        assertEquals(-0.01, s.account().getDayPnlPct(), 1e-4);     // -500 of the 50 500 at the open
        assertEquals("NVDA", s.positions().get(0).getSymbol());
        Instant now = ZonedDateTime.of(2025, 3, 12, 9, 45, 0, 0, MarketCalendar.NEW_YORK).toInstant();
        StopOut o = s.stopOuts(now, MarketCalendar.nyse()).get(0);
        assertEquals(375, o.getTradingMinutesAgo());
        assertEquals(1, o.getTradingDaysAgo());

        Path bad = Files.writeString(tmp.resolve("b.json"), "{\"positions\": [{\"symbol\": \"X\", \"quantity\": 1}]}");
        InputFormatException e = assertThrows(InputFormatException.class, () -> AccountJson.read(bad, 1));
        assertTrue(e.getMessage().contains("b.json: positions[0].entry_price: is missing"), e.getMessage());
    }

    @Test
    void tradingMinutesSkipNightsWeekendsAndHolidays() {
        MarketCalendar cal = MarketCalendar.nyse();
        Instant friday = ZonedDateTime.of(2025, 1, 17, 15, 0, 0, 0, MarketCalendar.NEW_YORK).toInstant();   // MLK day Monday 20th
        Instant tuesday = ZonedDateTime.of(2025, 1, 21, 10, 0, 0, 0, MarketCalendar.NEW_YORK).toInstant();
        assertEquals(60 + 30, TradingTime.tradingMinutesBetween(friday, tuesday, cal));
        assertEquals(1, TradingTime.tradingDaysBetween(friday, tuesday, cal));
        MarketState closed = TradingTime.marketState(ZonedDateTime.of(2025, 1, 18, 12, 0, 0, 0, MarketCalendar.NEW_YORK).toInstant(), cal);
        assertEquals(false, closed.isSessionOpen());
        assertEquals(LocalDate.of(2025, 1, 21), closed.getTradingDay());
        MarketState m = RulesFixtures.midday();
        assertEquals(90, m.getMinutesSinceOpen());
        assertEquals(300, m.getMinutesToClose());
        assertEquals(1100, m.getHhmm());
    }
}
