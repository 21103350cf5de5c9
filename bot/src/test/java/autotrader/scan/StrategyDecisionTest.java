package autotrader.scan;

import autotrader.config.ConfigException;
import autotrader.config.ConfigLoader;
import autotrader.config.LabelKind;
import autotrader.config.LoadedConfig;
import autotrader.ensemble.LabelSettings;
import autotrader.market.MarketCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import java.util.Map;
import java.util.TimeZone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A strategy's decision section: what it sets, what config.yaml still overrides, its errors, and the decision times of a cadence. */
class StrategyDecisionTest {

    @TempDir
    Path dir;

    private LoadedConfig config(String configYaml, String strategyYaml) throws IOException {
        Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(dir.resolve("strategies/momentum.yaml"), strategyYaml);
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, configYaml);
        return new ConfigLoader(Map.of()).load(cfg);
    }

    @Test
    void theShippedStrategiesSayHowTheyDecide() {
        Strategy momentum = Strategy.load(Path.of("..", "strategies", "momentum.yaml"));
        Strategy swing = Strategy.load(Path.of("..", "strategies", "swing.yaml"));
        assertEquals("5m", momentum.cadence().label());
        assertEquals("models/ensemble-5m", momentum.decision.modelDir, "real prices: the model trained on real 5-minute bars");
        assertEquals("models/ensemble", momentum.decision.simModelDir, "the simulator keeps the SIMULATED model");
        assertEquals("1d", swing.cadence().label());
        assertEquals("1d", swing.decision.labelTimeframe);
        assertEquals("models/ensemble-1d", swing.decision.modelDir);
    }

    @Test
    void theStrategySetsTheModelAndLabelsUnlessConfigYamlSetsThemItself() throws IOException {
        String strategy = "name: momentum\ndecision:\n  cadence: 1d\n  label_timeframe: 1d\n  horizon_bars: 7\n  model_dir: models/daily\n";
        LoadedConfig plain = config("mode: paper\n", strategy);
        Strategy.load(plain.resolve(plain.config().strategy)).applyTo(plain);
        assertEquals("models/daily", plain.config().ensemble.modelDir);
        assertEquals("1d", plain.config().ensemble.labelTimeframe);
        assertEquals(7, plain.config().ensemble.labels.horizonBars);

        LoadedConfig overridden = config("ensemble:\n  model_dir: mine\n  labels:\n    horizon_bars: 3\n", strategy);
        Strategy.load(overridden.resolve(overridden.config().strategy)).applyTo(overridden);
        assertEquals("mine", overridden.config().ensemble.modelDir, "a key config.yaml sets wins");
        assertEquals(3, overridden.config().ensemble.labels.horizonBars);
        assertEquals("1d", overridden.config().ensemble.labelTimeframe, "keys it does not set still come from the strategy");
    }

    @Test
    void theSimulatorGetsItsOwnModelFolder() throws IOException {
        String strategy = "name: momentum\ndecision:\n  model_dir: models/real\n  sim_model_dir: models/sim\n";
        LoadedConfig sim = config("market:\n  source: sim\n", strategy);
        Strategy.load(sim.resolve(sim.config().strategy)).applyTo(sim);
        assertEquals("models/sim", sim.config().ensemble.modelDir);
        Files.createDirectories(dir.resolve("data"));
        LoadedConfig csv = config("market:\n  source: csv\n  csv_dir: data\n", strategy);
        Strategy.load(csv.resolve(csv.config().strategy)).applyTo(csv);
        assertEquals("models/real", csv.config().ensemble.modelDir, "real prices never get the simulator's model");
    }

    @Test
    void aBadDecisionKeyIsNamedWithItsFile() throws IOException {
        Files.createDirectories(dir.resolve("strategies"));
        Path file = dir.resolve("strategies/x.yaml");
        Files.writeString(file, "name: x\ndecision:\n  cadence: 2m\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Strategy.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("decision.cadence") && e.getMessage().contains("2m"),
                e.getMessage());
        Files.writeString(file, "name: x\ndecision:\n  horizon_bars: 0\n");
        assertTrue(assertThrows(ConfigException.class, () -> Strategy.load(file)).getMessage().contains("decision.horizon_bars"));
        Files.writeString(file, "name: x\ndecision:\n  label_timeframe: 2h\n");
        assertTrue(assertThrows(ConfigException.class, () -> Strategy.load(file)).getMessage().contains("decision.label_timeframe"));
        Files.writeString(file, "name: x\ndecision:\n  label: rank\n");
        String m = assertThrows(ConfigException.class, () -> Strategy.load(file)).getMessage();
        assertTrue(m.contains("decision.label") && m.contains("rank") && m.contains("trade, relative or relative_gross"), m);
        Files.writeString(file, "name: x\ndecision:\n  relative_margin: -0.1\n");
        assertTrue(assertThrows(ConfigException.class, () -> Strategy.load(file)).getMessage().contains("decision.relative_margin"));
    }

    @Test
    void theLabelIsTheTradeUnlessTheStrategyOrConfigYamlSaysRelative() throws IOException {
        LoadedConfig plain = config("mode: paper\n", "name: momentum\ndecision:\n  cadence: 5m\n");
        Strategy.load(plain.resolve(plain.config().strategy)).applyTo(plain);
        LabelSettings trade = LabelSettings.from(plain.config().ensemble.labels);
        assertEquals(LabelKind.TRADE, trade.label(), "the default is today's trade label");
        assertTrue(Double.isNaN(trade.relativeMargin()));
        assertEquals(LabelSettings.defaults(), trade);

        LoadedConfig relative = config("mode: paper\n", "name: momentum\ndecision:\n  label: relative\n  relative_margin: 0.25\n");
        Strategy.load(relative.resolve(relative.config().strategy)).applyTo(relative);
        LabelSettings r = LabelSettings.from(relative.config().ensemble.labels);
        assertEquals(LabelKind.RELATIVE, r.label());
        assertEquals(0.25, r.relativeMargin());

        LoadedConfig overridden = config("ensemble:\n  labels:\n    label: trade\n", "name: momentum\ndecision:\n  label: relative\n");
        Strategy.load(overridden.resolve(overridden.config().strategy)).applyTo(overridden);
        assertEquals("trade", overridden.config().ensemble.labels.label, "config.yaml's own key wins");

        ConfigException bad = assertThrows(ConfigException.class, () -> config("ensemble:\n  labels:\n    label: ranked\n", "name: momentum\n"));
        assertTrue(bad.getMessage().contains("ensemble.labels.label") && bad.getMessage().contains("ranked"), bad.getMessage());
    }

    @Test
    void aCadenceDecidesFromTheOpenToTheLastStepBeforeTheClose() {
        MarketCalendar cal = MarketCalendar.nyse();
        LocalDate day = LocalDate.of(2025, 6, 2), earlyClose = LocalDate.of(2025, 11, 28);
        List<Instant> five = Cadence.parse("5m").times(cal, day);
        assertEquals(78, five.size());
        assertEquals(cal.openInstant(day), five.get(0));
        assertEquals(cal.closeInstant(day).minusSeconds(300), five.get(77));
        assertEquals(42, Cadence.parse("5m").times(cal, earlyClose).size(), "13:00 close: 09:30 .. 12:55");
        assertEquals(7, Cadence.parse("1h").times(cal, day).size());
        assertEquals(List.of(cal.closeInstant(day)), Cadence.parse("1d").times(cal, day));
    }

    @Test
    void theDaemonsCronFollowsTheCadenceUnlessConfigYamlSetsIt() throws Exception {
        MarketCalendar cal = MarketCalendar.nyse();
        LocalDate day = LocalDate.of(2025, 6, 2);
        // Each cadence's cron fires, within market hours, exactly at the backtest's decision times (1d: 15:55, the last cycle before the close).
        for (String c : List.of("5m", "15m", "30m", "1h")) {
            Cadence cadence = Cadence.parse(c);
            org.quartz.CronExpression cron = new org.quartz.CronExpression(cadence.cron());
            cron.setTimeZone(TimeZone.getTimeZone(MarketCalendar.NEW_YORK));
            List<Instant> fired = new ArrayList<>();
            for (Date d = cron.getNextValidTimeAfter(Date.from(cal.openInstant(day).minusSeconds(3 * 3600)));
                 d.toInstant().isBefore(cal.closeInstant(day)); d = cron.getNextValidTimeAfter(d)) {
                if (cal.isOpen(d.toInstant())) fired.add(d.toInstant());
            }
            assertEquals(cadence.times(cal, day), fired, c);
        }
        LoadedConfig swing = config("mode: paper\n", "name: momentum\ndecision:\n  cadence: 1d\n");
        Strategy.load(swing.resolve(swing.config().strategy)).applyTo(swing);
        assertEquals("0 55 15 ? * MON-FRI", swing.config().schedule.scanCron);
        LoadedConfig own = config("schedule:\n  scan_cron: \"0 0 12 ? * MON-FRI\"\n", "name: momentum\ndecision:\n  cadence: 1d\n");
        Strategy.load(own.resolve(own.config().strategy)).applyTo(own);
        assertEquals("0 0 12 ? * MON-FRI", own.config().schedule.scanCron, "a cron config.yaml sets wins");
    }
}
