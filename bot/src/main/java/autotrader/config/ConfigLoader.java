package autotrader.config;

import autotrader.market.Timeframe;
import org.quartz.CronExpression;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import java.util.Set;
/**
 * Loads config.yaml and checks it before anything starts. Every problem names the file, the key
 * and (where the file has it) the line; a secret's value is never part of a message.
 */
public final class ConfigLoader {

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static LoadedConfig loadFromSystem(Path file) {
        return new ConfigLoader(System.getenv()).load(file);
    }

    public LoadedConfig load(Path file) {
        AppConfig c = YamlFiles.read(file, AppConfig.class);
        List<String> problems = new ArrayList<>();
        Problems p = new Problems(file, problems);
        Path base = file.toAbsolutePath().getParent();

        if (c.mode == null) p.add("mode", "must be paper or live");
        if (c.market == null || c.state == null || c.schedule == null || c.risk == null || c.paper == null || c.schwab == null || c.telegram == null
                || c.ensemble == null || c.ensemble.labels == null || c.ensemble.randomForest == null || c.ensemble.xgboost == null
                || c.ensemble.lightgbm == null || c.ensemble.neuralNet == null || c.ensemble.svm == null || c.ensemble.meta == null || c.approvals == null || c.predict == null || c.web == null || c.retrain == null) {
            throw new ConfigException(file + ": a section is empty; remove it to use its defaults or fill it in");
        }
        if (c.market.source == null) p.add("market.source", "must be auto, sim, csv, store or schwab");
        if (c.market.source == AppConfig.Source.CSV && !Files.isDirectory(base.resolve(c.market.csvDir))) {
            p.add("market.csv_dir", "folder " + base.resolve(c.market.csvDir).normalize() + " does not exist");
        }
        if (c.market.storeDir == null || c.market.storeDir.isBlank()) p.add("market.store_dir", "must name the bar store's folder");
        if (c.market.sim == null || c.market.schwab == null) {
            throw new ConfigException(file + ": a section is empty; remove it to use its defaults or fill it in");
        }
        if (c.market.source == AppConfig.Source.SCHWAB) {
            String f = c.market.schwab.universeFile;
            if (f == null || f.isBlank()) {
                p.add("market.schwab.universe_file", "is required because market.source is schwab: a text file with one symbol per line "
                        + "or a csv with a Symbol column, e.g. ../shared/data/reference/nasdaq_listed_symbols.csv");
            } else if (!Files.isRegularFile(base.resolve(f)) || !Files.isReadable(base.resolve(f))) {
                p.add("market.schwab.universe_file", "file " + base.resolve(f).normalize() + " does not exist or cannot be read");
            }
            if (c.market.schwab.cacheDir == null || c.market.schwab.cacheDir.isBlank()) {
                p.add("market.schwab.cache_dir", "must name a folder for downloaded bars");
            }
        }
        if (c.market.schwab.quoteBatchSize < 1 || c.market.schwab.quoteBatchSize > 500) {
            p.add("market.schwab.quote_batch_size", c.market.schwab.quoteBatchSize + " must be between 1 and 500 symbols per call");
        }
        if (c.market.sim.symbols < 1 || c.market.sim.symbols > 9999) p.add("market.sim.symbols", "must be between 1 and 9999");
        if (!(c.market.sim.speed > 0)) p.add("market.sim.speed", "must be greater than 0");
        if (c.strategy == null || !Files.isRegularFile(base.resolve(c.strategy))) {
            p.add("strategy", "strategy file " + (c.strategy == null ? "(none)" : base.resolve(c.strategy).normalize()) + " does not exist");
        }
        if (c.state.db == null || c.state.db.isBlank()) p.add("state.db", "must name a SQLite file");
        if (c.state.busyTimeoutMs < 0) p.add("state.busy_timeout_ms", "must not be negative");
        if (c.schedule.scanCron == null || !CronExpression.isValidExpression(c.schedule.scanCron)) {
            p.add("schedule.scan_cron", "'" + c.schedule.scanCron + "' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
        }
        if (c.schedule.monitorCron == null || !CronExpression.isValidExpression(c.schedule.monitorCron)) {
            p.add("schedule.monitor_cron", "'" + c.schedule.monitorCron + "' is not a valid Quartz cron expression");
        }
        if (c.schedule.dailySummaryCron == null || !CronExpression.isValidExpression(c.schedule.dailySummaryCron)) {
            p.add("schedule.daily_summary_cron", "'" + c.schedule.dailySummaryCron + "' is not a valid Quartz cron expression");
        }
        if (c.schedule.reconcileCron == null || !CronExpression.isValidExpression(c.schedule.reconcileCron)) {
            p.add("schedule.reconcile_cron", "'" + c.schedule.reconcileCron + "' is not a valid Quartz cron expression");
        }
        var missed = c.schedule.missedRuns;
        if (missed == null) {
            p.add("schedule.missed_runs", "must list cycle, daily_summary and retrain, each skip or run_once");
        } else {
            if (missed.cycle == null) p.add("schedule.missed_runs.cycle", "must be skip or run_once");
            if (missed.dailySummary == null) p.add("schedule.missed_runs.daily_summary", "must be skip or run_once");
            if (missed.retrain == null) p.add("schedule.missed_runs.retrain", "must be skip or run_once");
        }
        fraction(p, "risk.max_position_pct", c.risk.maxPositionPct);
        fraction(p, "risk.risk_per_trade_pct", c.risk.riskPerTradePct);
        fraction(p, "risk.daily_loss_limit_pct", c.risk.dailyLossLimitPct);
        if (c.risk.maxOpenPositions < 1) p.add("risk.max_open_positions", "must be at least 1");
        if (!(c.risk.startingCash > 0)) p.add("risk.starting_cash", "must be greater than 0");
        if (!(c.paper.slippageBps >= 0 && c.paper.slippageBps <= 1000)) p.add("paper.slippage_bps", c.paper.slippageBps + " must be between 0 and 1000 basis points");
        if (!(c.paper.commissionPerShare >= 0 && c.paper.commissionPerShare <= 1)) p.add("paper.commission_per_share", c.paper.commissionPerShare + " must be between 0 and 1 (dollars per share)");
        if (!(c.paper.commissionMin >= 0 && c.paper.commissionMin <= 100)) p.add("paper.commission_min", c.paper.commissionMin + " must be between 0 and 100 (dollars per order)");
        if (c.backtest == null) throw new ConfigException(file + ": section 'backtest' is empty; remove it to use its defaults or fill it in");
        if (!(c.backtest.riskFreeRate >= -0.05 && c.backtest.riskFreeRate <= 0.25)) p.add("backtest.risk_free_rate", c.backtest.riskFreeRate + " must be between -0.05 and 0.25 (annual, 0.02 = 2 %)");
        url(p, "schwab.base_url", c.schwab.baseUrl);
        url(p, "telegram.api_url", c.telegram.apiUrl);
        telegramUrl(p, c.telegram.apiUrl);
        if (c.approvals.timeoutSeconds < 10 || c.approvals.timeoutSeconds > 86_400) {
            p.add("approvals.timeout_seconds", c.approvals.timeoutSeconds + " must be between 10 and 86400 seconds");
        }
        fraction(p, "approvals.max_price_drift_pct", c.approvals.maxPriceDriftPct);
        if (c.telegram.alerts == null) {
            throw new ConfigException(file + ": section 'telegram.alerts' is empty; remove it to use its defaults or fill it in");
        }
        if (c.telegram.allowedChatIds == null || c.telegram.allowedChatIds.contains(null)) {
            p.add("telegram.allowed_chat_ids", "must be a list of chat ids (numbers), e.g. [111222333]");
        } else if (c.telegram.allowedChatIds.contains(0L)) {
            p.add("telegram.allowed_chat_ids", "0 is not a chat id");
        }
        if (c.schwab.requestsPerMinute < 1) p.add("schwab.requests_per_minute", "must be at least 1");
        streaming(p, c);

        ensemble(p, c.ensemble);
        predict(p, c.predict);
        retrain(p, c.retrain);

        // Secrets: resolved always (so a configured one is usable), required only where they are needed.
        boolean needSchwab = c.mode == Mode.LIVE || c.market.source == AppConfig.Source.SCHWAB;
        secret(p, "schwab.app_key", c.schwab.appKey, needSchwab, needSchwab ? whySchwab(c) : null);
        secret(p, "schwab.app_secret", c.schwab.appSecret, needSchwab, needSchwab ? whySchwab(c) : null);
        secret(p, "telegram.bot_token", c.telegram.botToken, c.telegram.enabled, "telegram.enabled is true");
        if (c.telegram.enabled && c.telegram.allowedChatIds != null && c.telegram.allowedChatIds.isEmpty()) {
            p.add("telegram.allowed_chat_ids", "must list at least one chat id when telegram.enabled is true (nobody could approve trades)");
        }

        web(p, c.web);

        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));
        return new LoadedConfig(file.toAbsolutePath().normalize(), base, c, YamlFiles.keys(file));
    }

    private static void ensemble(Problems p, AppConfig.Ensemble e) {
        if (e.modelDir == null || e.modelDir.isBlank()) p.add("ensemble.model_dir", "must name a folder");
        try {
            Timeframe.parse(String.valueOf(e.labelTimeframe));
        } catch (IllegalArgumentException ex) {
            p.add("ensemble.label_timeframe", ex.getMessage());
        }
        AppConfig.Labels l = e.labels;
        if (l.horizonBars < 1) p.add("ensemble.labels.horizon_bars", "must be at least 1");
        if (!(l.kStop > 0)) p.add("ensemble.labels.k_stop", "must be greater than 0 (sigmas from the entry)");
        if (!(l.kTarget > 0)) p.add("ensemble.labels.k_target", "must be greater than 0 (sigmas from the entry)");
        if (!(l.minEdge >= 0 && l.minEdge < 1)) p.add("ensemble.labels.min_edge", "must be a fraction >= 0 and < 1, e.g. 0.002 for 0.2%");
        if (!(l.commissionBps >= 0 && l.commissionBps < 1000)) p.add("ensemble.labels.commission_bps", "must be between 0 and 1000 basis points");
        if (!(l.slippageBps >= 0 && l.slippageBps < 1000)) p.add("ensemble.labels.slippage_bps", "must be between 0 and 1000 basis points");
        if (l.volLookback < 2) p.add("ensemble.labels.vol_lookback", "must be at least 2 returns");
        try {
            LabelKind.parse(l.label);
        } catch (IllegalArgumentException ex) {
            p.add("ensemble.labels.label", ex.getMessage());
        }
        if (l.relativeMargin != null && !(l.relativeMargin > 0 && l.relativeMargin < 100)) {
            p.add("ensemble.labels.relative_margin", "must be above 0 and below 100 sigmas (leave it out to choose it on the training rows)");
        }
        if (e.cvFolds < 2 || e.cvFolds > 20) p.add("ensemble.cv_folds", "must be between 2 and 20");
        if (e.embargoBars < 0) p.add("ensemble.embargo_bars", "must not be negative");
        if (!(e.holdoutFraction > 0 && e.holdoutFraction < 0.5)) p.add("ensemble.holdout_fraction", "must be between 0 and 0.5 (exclusive)");
        if (e.randomForest.trees < 1) p.add("ensemble.random_forest.trees", "must be at least 1");
        if (e.randomForest.maxDepth < 1) p.add("ensemble.random_forest.max_depth", "must be at least 1");
        if (e.randomForest.minNodeSize < 1) p.add("ensemble.random_forest.min_node_size", "must be at least 1");
        if (e.xgboost.rounds < 1) p.add("ensemble.xgboost.rounds", "must be at least 1");
        if (e.xgboost.maxDepth < 1) p.add("ensemble.xgboost.max_depth", "must be at least 1");
        if (!(e.xgboost.eta > 0 && e.xgboost.eta <= 1)) p.add("ensemble.xgboost.eta", "must be in (0, 1]");
        if (e.lightgbm.iterations < 1) p.add("ensemble.lightgbm.iterations", "must be at least 1");
        if (e.lightgbm.numLeaves < 2) p.add("ensemble.lightgbm.num_leaves", "must be at least 2");
        if (!(e.lightgbm.learningRate > 0 && e.lightgbm.learningRate <= 1)) p.add("ensemble.lightgbm.learning_rate", "must be in (0, 1]");
        if (e.neuralNet.hiddenUnits < 1) p.add("ensemble.neural_net.hidden_units", "must be at least 1");
        if (e.neuralNet.epochs < 1) p.add("ensemble.neural_net.epochs", "must be at least 1");
        if (!(e.neuralNet.learningRate > 0 && e.neuralNet.learningRate <= 1)) p.add("ensemble.neural_net.learning_rate", "must be in (0, 1]");
        if (!(e.svm.c > 0)) p.add("ensemble.svm.c", "must be greater than 0");
        if (!(e.svm.sigmaScale > 0)) p.add("ensemble.svm.sigma_scale", "must be greater than 0");
        if (e.svm.maxRows < 30) p.add("ensemble.svm.max_rows", "must be at least 30");
        if (!(e.meta.lambda >= 0)) p.add("ensemble.meta.lambda", "must not be negative");
    }

    private void web(Problems p, AppConfig.Web w) {
        if (w.host == null || w.host.isBlank()) p.add("web.host", "must be an address to listen on, e.g. 127.0.0.1");
        if (w.port < 0 || w.port > 65535) p.add("web.port", w.port + " must be between 0 (any free port) and 65535");
        // Reachable from other machines: nothing may be read or changed without the token.
        boolean remote = w.enabled && w.host != null && !w.host.isBlank() && !AppConfig.Web.loopback(w.host);
        secret(p, "web.token", w.token, remote, "web.host " + w.host + " is not a loopback address, so every call needs the token");
    }

    private static void predict(Problems p, AppConfig.Predict c) {
        if (c.modelsDir == null || c.modelsDir.isBlank()) p.add("predict.models_dir", "must name a folder");
        if (c.lstmLayers < 1 || c.lstmLayers > 8) p.add("predict.lstm_layers", c.lstmLayers + " must be between 1 and 8");
        if (c.lstmUnits < 1 || c.lstmUnits > 2048) p.add("predict.lstm_units", c.lstmUnits + " must be between 1 and 2048");
        if (c.sequenceLength < 1 || c.sequenceLength > 1000) p.add("predict.sequence_length", c.sequenceLength + " must be between 1 and 1000");
        if (c.maxEpochs < 1) p.add("predict.max_epochs", c.maxEpochs + " must be at least 1");
        if (c.patience < 1) p.add("predict.patience", c.patience + " must be at least 1");
        if (!(c.learningRate > 0 && c.learningRate < 1)) p.add("predict.learning_rate", c.learningRate + " must be between 0 and 1 (exclusive), e.g. 0.001");
        if (c.batchSize < 1 || c.batchSize > 65536) p.add("predict.batch_size", c.batchSize + " must be between 1 and 65536");
        if (c.maxSamples < 100) p.add("predict.max_samples", c.maxSamples + " must be at least 100");
        if (c.dailyTrainEnd == null) p.add("predict.daily_train_end", "must be a date such as 2016-01-31");
        if (c.dailyTrainStart == null) p.add("predict.daily_train_start", "must be a date such as 2013-01-01");
        else if (c.dailyTrainEnd != null && !c.dailyTrainStart.isBefore(c.dailyTrainEnd))
            p.add("predict.daily_train_start", c.dailyTrainStart + " must be before predict.daily_train_end (" + c.dailyTrainEnd + ")");
    }

    private static void retrain(Problems p, AppConfig.Retrain r) {
        if (r.cron == null || !CronExpression.isValidExpression(r.cron)) {
            p.add("retrain.cron", "'" + r.cron + "' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
        }
        if (r.lookbackDays < 2 || r.lookbackDays > 2520) p.add("retrain.lookback_days", r.lookbackDays + " must be between 2 and 2520 sessions");
        if (r.holdoutDays < 1 || r.holdoutDays > 250) p.add("retrain.holdout_days", r.holdoutDays + " must be between 1 and 250 sessions");
        if (r.everyMinutes < 1 || r.everyMinutes > 390) p.add("retrain.every_minutes", r.everyMinutes + " must be between 1 and 390 minutes");
        if (!(r.tolerance >= 0 && r.tolerance < 1)) p.add("retrain.tolerance", r.tolerance + " must be >= 0 and < 1 (e.g. 0.01)");
        if (r.predictorTimeframes == null || r.predictorTimeframes.isEmpty()) {
            p.add("retrain.predictor_timeframes", "must list at least one timeframe of " + Timeframe.labels());
        } else {
            Set<Timeframe> seen = EnumSet.noneOf(Timeframe.class);
            for (String tf : r.predictorTimeframes) {
                try {
                    if (tf == null || !seen.add(Timeframe.parse(tf)))
                        p.add("retrain.predictor_timeframes", "'" + tf + "' is empty or listed twice");
                } catch (IllegalArgumentException e) {
                    p.add("retrain.predictor_timeframes", e.getMessage());
                }
            }
        }
        if (r.predictorLookbackDays < 2 || r.predictorLookbackDays > 2520)
            p.add("retrain.predictor_lookback_days", r.predictorLookbackDays + " must be between 2 and 2520 sessions");
        if (!(r.predictorHoldoutFraction > 0 && r.predictorHoldoutFraction < 0.9))
            p.add("retrain.predictor_holdout_fraction", r.predictorHoldoutFraction + " must be > 0 and < 0.9 (e.g. 0.2)");
        if (r.predictorMaxEpochs < 0) p.add("retrain.predictor_max_epochs", r.predictorMaxEpochs + " must be >= 0 (0: predict.max_epochs)");
        if (r.predictorMaxSamples != 0 && r.predictorMaxSamples < 100)
            p.add("retrain.predictor_max_samples", r.predictorMaxSamples + " must be 0 (predict.max_samples) or at least 100");
        if (!(r.predictorTolerance >= 0 && r.predictorTolerance < 0.1))
            p.add("retrain.predictor_tolerance", r.predictorTolerance + " must be >= 0 and < 0.1 (an RMSE of log returns, e.g. 0.00001)");
    }

    private static String whySchwab(AppConfig c) {
        return c.mode == Mode.LIVE ? "mode is live" : "market.source is schwab";
    }

    private void secret(Problems p, String key, Secret s, boolean required, String why) {
        if (s == null || !s.isConfigured()) {
            if (required) p.add(key, "is required because " + why);
            return;
        }
        String problem = s.resolve(env);
        boolean literal = problem != null && problem.startsWith("must be");
        if (problem != null && (required || literal)) {
            p.add(key, problem + (required && !literal ? " (required because " + why + ")" : ""));
        }
    }

    private static void fraction(Problems p, String key, double v) {
        if (!(v > 0 && v <= 1)) p.add(key, v + " must be a fraction between 0 (exclusive) and 1, e.g. 0.02 for 2%");
    }

    private static void url(Problems p, String key, String v) {
        if (v == null || !(v.startsWith("http://") || v.startsWith("https://"))) {
            p.add(key, "'" + v + "' must be an http:// or https:// URL");
        }
    }

    /** The Telegram client can only be pointed at scheme, host and port: a path would be silently dropped. */
    private static void telegramUrl(Problems p, String v) {
        if (v == null || !(v.startsWith("http://") || v.startsWith("https://"))) return;
        try {
            URI u = new URI(v);
            String path = u.getRawPath();
            if (u.getHost() == null) p.add("telegram.api_url", "'" + v + "' has no host");
            else if ((path != null && !path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null) {
                p.add("telegram.api_url", "'" + v + "' must be scheme, host and optional port only (no path), e.g. https://api.telegram.org");
            }
        } catch (URISyntaxException e) {
            p.add("telegram.api_url", "'" + v + "' is not a valid URL");
        }
    }

    private static void streaming(Problems p, AppConfig c) {
        AppConfig.Streaming s = c.schwab.streaming;
        if (s == null) {
            p.add("schwab.streaming", "is empty; remove it to use its defaults or fill it in");
            return;
        }
        if (Boolean.TRUE.equals(s.enabled) && c.market.source != null && c.market.source != AppConfig.Source.SCHWAB) {
            p.add("schwab.streaming.enabled", "is true but market.source is " + c.market.source.name().toLowerCase()
                    + ": the stream feeds Schwab market data only (set market.source: schwab, or remove the key)");
        }
        if (s.heartbeatTimeoutSeconds < 5 || s.heartbeatTimeoutSeconds > 300) {
            p.add("schwab.streaming.heartbeat_timeout_seconds", s.heartbeatTimeoutSeconds + " must be between 5 and 300 seconds");
        }
        if (!(s.backoffInitialSeconds >= 0.1 && s.backoffInitialSeconds <= 60)) {
            p.add("schwab.streaming.backoff_initial_seconds", s.backoffInitialSeconds + " must be between 0.1 and 60 seconds");
        }
        if (!(s.backoffMaxSeconds >= s.backoffInitialSeconds && s.backoffMaxSeconds <= 3600)) {
            p.add("schwab.streaming.backoff_max_seconds", s.backoffMaxSeconds + " must be between backoff_initial_seconds ("
                    + s.backoffInitialSeconds + ") and 3600 seconds");
        }
        if (s.maxLoginDenials < 1 || s.maxLoginDenials > 20) {
            p.add("schwab.streaming.max_login_denials", s.maxLoginDenials + " must be between 1 and 20");
        }
    }

    private record Problems(Path file, List<String> out) {
        void add(String key, String message) {
            int line = YamlFiles.lineOf(file, key);
            out.add(file + (line > 0 ? " line " + line : "") + ": key '" + key + "': " + message);
        }
    }
}
