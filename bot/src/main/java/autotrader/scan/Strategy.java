package autotrader.scan;

import autotrader.config.AppConfig;
import autotrader.config.ConfigException;
import autotrader.config.LabelKind;
import autotrader.config.LoadedConfig;
import autotrader.config.YamlFiles;

import autotrader.market.Timeframe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A strategy file from strategies/: which symbols to look at, how the scanner scores them, and (its
 * {@code decision} section) how often it decides, what trade its model was trained to predict and
 * which model folder serves it. Keys left out of {@code decision} fall back to config.yaml's
 * {@code ensemble.*}, so a strategy file without the section behaves as before it existed.
 */
public class Strategy {
    public String name = "momentum";
    public String description = "";
    public Universe universe = new Universe();
    public ScannerSettings scanner = new ScannerSettings();
    /** Timeframes the pipeline loads for each candidate. */
    public List<String> timeframes = new ArrayList<>(List.of("1m", "5m", "30m", "1h", "6h", "1d"));
    public Decision decision = new Decision();

    /** How the strategy decides; null keys inherit config.yaml's ensemble.* (see {@link #applyTo}). */
    public static class Decision {
        /** Time between two decisions in a session: 5m, 15m, 30m, 1h or 1d (one decision at the close). The backtest's default cadence. */
        public String cadence;
        /** Bars the model's trade labels (and the backtest's calibration table) run on. */
        public String labelTimeframe;
        /** Label bars the trade may stay open. */
        public Integer horizonBars;
        /** Label stop and target distances, in sigmas of the entry price. */
        public Double kStop;
        public Double kTarget;
        /** What the model learns: trade (default) or relative (docs/ensemble.md, "Labels"). */
        public String label;
        /** With label: relative, the margin in sigmas around the decision time's median; left out = chosen on the training rows. */
        public Double relativeMargin;
        /** The ensemble folder this strategy's decisions come from on real prices (csv, Schwab), relative to config.yaml's folder. */
        public String modelDir;
        /**
         * The ensemble folder for the simulator (market.source: sim); a model trained on SIMULATED bars
         * lives there and serves only the simulator. Default: model_dir.
         */
        public String simModelDir;
    }

    public static class Universe {
        /** Symbols to scan; empty means every symbol the market source offers. */
        public List<String> include = new ArrayList<>();
        public List<String> exclude = new ArrayList<>();
    }

    public static Strategy load(Path file) {
        Strategy s = YamlFiles.read(file, Strategy.class);
        s.scanner.validate(file);
        s.validateDecision(file);
        return s;
    }

    /** The decision cadence, or 1d when the file does not say. */
    public Cadence cadence() {
        return decision.cadence == null ? Cadence.DAILY : Cadence.parse(decision.cadence);
    }

    /**
     * Puts this strategy's decision settings into the configuration the pipeline, trainer and backtest
     * read (ensemble.model_dir, label_timeframe, labels.*, and the daemon's schedule.scan_cron from the
     * cadence), the one place a strategy meets config.yaml.
     * A key config.yaml sets itself wins: it is the trader's explicit override of every strategy.
     */
    public void applyTo(LoadedConfig loaded) {
        AppConfig.Ensemble ensemble = loaded.config().ensemble;
        boolean sim = loaded.config().market.source == AppConfig.Source.SIM;
        String dir = sim && decision.simModelDir != null ? decision.simModelDir : decision.modelDir;
        if (dir != null && !loaded.sets("ensemble.model_dir")) ensemble.modelDir = dir;
        if (decision.labelTimeframe != null && !loaded.sets("ensemble.label_timeframe")) ensemble.labelTimeframe = decision.labelTimeframe;
        if (decision.horizonBars != null && !loaded.sets("ensemble.labels.horizon_bars")) ensemble.labels.horizonBars = decision.horizonBars;
        if (decision.kStop != null && !loaded.sets("ensemble.labels.k_stop")) ensemble.labels.kStop = decision.kStop;
        if (decision.kTarget != null && !loaded.sets("ensemble.labels.k_target")) ensemble.labels.kTarget = decision.kTarget;
        if (decision.label != null && !loaded.sets("ensemble.labels.label")) ensemble.labels.label = decision.label;
        if (decision.relativeMargin != null && !loaded.sets("ensemble.labels.relative_margin")) ensemble.labels.relativeMargin = decision.relativeMargin;
        if (decision.cadence != null && !loaded.sets("schedule.scan_cron")) loaded.config().schedule.scanCron = cadence().cron();
    }

    private void validateDecision(Path file) {
        String at = file + ": key 'decision.";
        if (decision.cadence != null) {
            try {
                Cadence.parse(decision.cadence);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + "cadence': " + e.getMessage());
            }
        }
        if (decision.labelTimeframe != null) {
            try {
                Timeframe.parse(decision.labelTimeframe);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + "label_timeframe': " + e.getMessage());
            }
        }
        if (decision.horizonBars != null && decision.horizonBars < 1) throw new ConfigException(at + "horizon_bars' must be 1 or more");
        if (decision.kStop != null && !(decision.kStop > 0)) throw new ConfigException(at + "k_stop' must be above 0");
        if (decision.kTarget != null && !(decision.kTarget > 0)) throw new ConfigException(at + "k_target' must be above 0");
        if (decision.label != null) {
            try {
                LabelKind.parse(decision.label);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + "label': " + e.getMessage());
            }
        }
        if (decision.relativeMargin != null && !(decision.relativeMargin > 0 && decision.relativeMargin < 100)) {
            throw new ConfigException(at + "relative_margin' must be above 0 and below 100 sigmas");
        }
        if (decision.modelDir != null && decision.modelDir.isBlank()) throw new ConfigException(at + "model_dir' is empty");
        if (decision.simModelDir != null && decision.simModelDir.isBlank()) throw new ConfigException(at + "sim_model_dir' is empty");
    }

    /** Applies include/exclude to what the market source offers, keeping the source's order. */
    public List<String> select(List<String> available) {
        List<String> out = new ArrayList<>();
        for (String sym : available) {
            if ((universe.include.isEmpty() || universe.include.contains(sym)) && !universe.exclude.contains(sym)) out.add(sym);
        }
        return out;
    }
}
