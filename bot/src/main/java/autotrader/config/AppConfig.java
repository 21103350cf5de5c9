package autotrader.config;

import autotrader.schedule.JobScheduler;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole of config.yaml. Field defaults here are the documented defaults; keys are snake_case in
 * the file. Unknown keys are refused at load time, so a typo never silently falls back to a default.
 */
public class AppConfig {
    public Mode mode = Mode.PAPER;
    /** Strategy file (universe, scanner thresholds), relative to the config file's folder. */
    public String strategy = "strategies/momentum.yaml";
    public Market market = new Market();
    public State state = new State();
    public Schedule schedule = new Schedule();
    public Risk risk = new Risk();
    public Paper paper = new Paper();
    public Schwab schwab = new Schwab();
    public Telegram telegram = new Telegram();
    public Approvals approvals = new Approvals();
    public Ensemble ensemble = new Ensemble();
    public Predict predict = new Predict();
    public Web web = new Web();
    public Retrain retrain = new Retrain();
    public Backtest backtest = new Backtest();

    /** AUTO: the bar store when it holds a series, else the simulator (resolved once per process, by SourceChoice in the app package). */
    public enum Source { AUTO, SIM, CSV, STORE, SCHWAB }

    public static class Market {
        public Source source = Source.AUTO;
        /** Folder of bar files laid out like ../shared/data, for source csv. */
        public String csvDir = "../shared/data";
        /** The Parquet bar store (docs/data.md) that `data import` and `data fetch` fill, for source store. */
        public String storeDir = "state/store";
        /** Index symbols used for beta and dependence; never candidates. */
        public List<String> benchmarks = new ArrayList<>(List.of("SPY", "QQQ"));
        public Sim sim = new Sim();
        public SchwabMarket schwab = new SchwabMarket();
    }

    /** Market data from Schwab (source schwab); the client itself is configured under {@code schwab}. */
    public static class SchwabMarket {
        /** Symbols to scan: a text file with one per line, or a csv with a Symbol column. Required for source schwab. */
        public String universeFile = "";
        /** Symbols per GET /marketdata/v1/quotes call (1-500). */
        public int quoteBatchSize = 200;
        /** Downloaded bars are kept here, one gzip csv per symbol and bar size. */
        public String cacheDir = "state/bars";
    }

    public static class Sim {
        public long seed = 42;
        public int symbols = 1453;
        public LocalDate startDate = LocalDate.of(2024, 1, 2);
        /** Simulated seconds per wall-clock second when the daemon runs on the sim source. */
        public double speed = 60;
        /** Where the simulated clock starts (a date; the session open of that day). Empty: today. */
        public LocalDate clockStart;
    }

    public static class State {
        public String db = "state/autotrader.db";
        public int busyTimeoutMs = 5000;
    }

    public static class Schedule {
        /** Quartz cron (seconds first) in America/New_York for the scan job. */
        public String scanCron = "0 */5 9-15 ? * MON-FRI";
        /** Quartz cron for reconciling orders and positions with the broker (also run once at start, before any job). */
        public String reconcileCron = "30 */10 9-16 ? * MON-FRI";
        /** Quartz cron for the daily summary alert (P&L, positions, signals) after the close. */
        public String dailySummaryCron = "0 15 16 ? * MON-FRI";
        /** Quartz cron for reading open orders back from the broker (fills, stop-loss and take-profit hits). */
        public String monitorCron = "*/15 * 9-16 ? * MON-FRI";
        /** Only fire jobs while the NYSE regular session is open (holidays and early closes respected). */
        public boolean marketHoursOnly = true;
        /** What runs missed while the daemon was down become at start, per job. */
        public MissedRunPolicies missedRuns = new MissedRunPolicies();
    }

    /**
     * skip: wait for the next planned time; run_once: run once at start for the latest missed time.
     * Missed runs are never replayed one by one. The monitor and reconciliation always catch up at
     * start (reconciliation runs before anything else), so they have no policy.
     */
    public static class MissedRunPolicies {
        /** A cycle for a past time would decide on stale prices: the next cycle decides on fresh ones. */
        public JobScheduler.MissedRuns cycle = JobScheduler.MissedRuns.SKIP;
        /** The missed day's summary is still worth reading. */
        public JobScheduler.MissedRuns dailySummary = JobScheduler.MissedRuns.RUN_ONCE;
        /** A missed weekly retrain runs at the next start rather than waiting a week. */
        public JobScheduler.MissedRuns retrain = JobScheduler.MissedRuns.RUN_ONCE;
    }

    public static class Risk {
        /** Largest position as a fraction of equity. */
        public double maxPositionPct = 0.10;
        /** Equity at risk between entry and stop for one trade. */
        public double riskPerTradePct = 0.01;
        /** No new entries once the day's loss reaches this fraction of equity. */
        public double dailyLossLimitPct = 0.03;
        public int maxOpenPositions = 10;
        public double startingCash = 100_000;
    }

    /** The paper broker's fill model (mode: paper). Starting cash is risk.starting_cash. */
    public static class Paper {
        /** Market and stop fills are worsened by this many basis points (5 = 0.05 %). */
        public double slippageBps = 5;
        /** Commission per share; the order pays max(per share x quantity, commission_min). */
        public double commissionPerShare = 0.0;
        /** Minimum commission per order (0 with commission_per_share 0: commission-free, as Schwab's online equity trades). */
        public double commissionMin = 0.0;
    }

    public static class Schwab {
        public String baseUrl = "https://api.schwabapi.com";
        public Secret appKey = new Secret("${SCHWAB_APP_KEY}");
        public Secret appSecret = new Secret("${SCHWAB_APP_SECRET}");
        public String callbackUrl = "https://127.0.0.1:8182";
        /** OAuth tokens are kept here, readable by the owner only. */
        public String tokenFile = "state/schwab-tokens.json";
        public int requestsPerMinute = 120;
        /** Which account to trade when the login sees several (the plain number); empty: the first one. */
        public String accountNumber = "";
        /** The streamer: 1-minute bars of the candidates and account activity over one websocket (docs/schwab.md). */
        public Streaming streaming = new Streaming();
    }

    /** schwab.streaming.* */
    public static class Streaming {
        /** On or off; unset (the default): on in live mode with market.source schwab, off otherwise. */
        public Boolean enabled;
        /** No frame at all (data, ack, heartbeat; Schwab sends a heartbeat every ~10 s) for this long = the socket is dead (5-300). */
        public int heartbeatTimeoutSeconds = 30;
        /** First reconnect delay; doubled per failed try, with jitter (0.1-60). */
        public double backoffInitialSeconds = 1;
        /** The longest reconnect delay (at least backoff_initial_seconds, at most 3600). */
        public double backoffMaxSeconds = 120;
        /** LOGIN refusals in a row after which the stream stops retrying and alerts (1-20). */
        public int maxLoginDenials = 3;

        /** Whether the daemon streams: the explicit setting, else live mode on the Schwab source. */
        public boolean on(Mode mode, Source source) {
            if (source != Source.SCHWAB) return false;
            return enabled != null ? enabled : mode == Mode.LIVE;
        }
    }

    /** How trade intents are approved, whatever the channel (Telegram, shell, REST). */
    public static class Approvals {
        /** An intent not approved within this many seconds expires. */
        public int timeoutSeconds = 300;
        /** An intent expires when the price has moved more than this fraction from the signal's price (0.01 = 1%). */
        public double maxPriceDriftPct = 0.01;
        /** Paper mode only: approve every intent at once, for unattended paper trading. Ignored in live mode. */
        public boolean paperAutoApprove = false;
    }

    public static class Telegram {
        public boolean enabled = false;
        public String apiUrl = "https://api.telegram.org";
        public Secret botToken = new Secret("${TELEGRAM_BOT_TOKEN}");
        /** Only these chats may approve trades or send commands. */
        public List<Long> allowedChatIds = new ArrayList<>();
        /** Which alerts are sent. */
        public Alerts alerts = new Alerts();
    }

    /** telegram.alerts: each kind of alert on or off. */
    public static class Alerts {
        public boolean fills = true;
        public boolean stopLoss = true;
        public boolean takeProfit = true;
        public boolean orderRejected = true;
        public boolean orderProblems = true;
        public boolean rulesRefused = true;
        public boolean tokenExpiry = true;
        public boolean stream = true;
        public boolean jobError = true;
        public boolean dailySummary = true;
    }

    /** Stage 5, the stacked decision model (docs/ensemble.md). Hyperparameters are kept small on purpose: 2 cores. */
    public static class Ensemble {
        /** Folder of the saved model (base models, meta-learner, columns, model card). */
        public String modelDir = "models/ensemble";
        /** Bars the trade labels are simulated on (horizon_bars of these). */
        public String labelTimeframe = "5m";
        public Labels labels = new Labels();
        /** Time-ordered purged cross-validation folds for the out-of-fold predictions. */
        public int cvFolds = 5;
        /** Distinct decision times after a test fold whose rows are also kept out of training. */
        public int embargoBars = 10;
        /** Last fraction of decision times held out (after all training data) for the model card. */
        public double holdoutFraction = 0.2;
        public long seed = 42;
        public RandomForest randomForest = new RandomForest();
        public Xgboost xgboost = new Xgboost();
        public Lightgbm lightgbm = new Lightgbm();
        public NeuralNet neuralNet = new NeuralNet();
        public Svm svm = new Svm();
        public Meta meta = new Meta();
    }

    /** How a decision is labelled from the trade it would have made (TradeLabeler). */
    public static class Labels {
        /** Bars the trade may stay open (exit at that bar's close). */
        public int horizonBars = 10;
        /** Stop distance in sigmas of the entry price. */
        public double kStop = 1.0;
        /** Target distance in sigmas of the entry price. */
        public double kTarget = 2.0;
        /** Net return (fraction) a side must beat to be labelled BUY or SELL. */
        public double minEdge = 0.002;
        /** Commission per leg, basis points of the traded value. */
        public double commissionBps = 1.0;
        /** Slippage per leg, basis points. */
        public double slippageBps = 5.0;
        /** Bars of log returns (up to t) for the realised volatility sigma. */
        public int volLookback = 20;
        /** What the ensemble learns: trade (the trade's outcome against min_edge) or relative (per-sigma return against the decision time's median candidate). */
        public String label = "trade";
        /** With label: relative, the margin in sigmas around the median; null = chosen on the training rows (a third of them HOLD). */
        public Double relativeMargin;
    }

    public static class RandomForest {
        public int trees = 100;
        public int maxDepth = 8;
        public int minNodeSize = 5;
    }

    public static class Xgboost {
        public int rounds = 100;
        public int maxDepth = 4;
        public double eta = 0.1;
    }

    public static class Lightgbm {
        public int iterations = 100;
        public int numLeaves = 15;
        public double learningRate = 0.1;
    }

    public static class NeuralNet {
        public int hiddenUnits = 32;
        public int epochs = 8;
        /** Per-row SGD step with momentum 0.9; 0.01 diverged on 100+ inputs (measured). */
        public double learningRate = 0.001;
    }

    public static class Svm {
        /** Soft-margin penalty. */
        public double c = 1.0;
        /** Gaussian kernel width = sigma_scale x sqrt(number of inputs) on standardised inputs. */
        public double sigmaScale = 1.0;
        /** Training rows kept (the latest ones): kernel SVM cost grows with rows squared, inference with support vectors. */
        public int maxRows = 1000;
    }

    public static class Meta {
        /** L2 penalty of the multinomial logistic meta-learner. */
        public double lambda = 0.1;
    }

    /** The per-timeframe LSTM predictors (autotrader.predict): architecture, training and where the models live. */
    public static class Predict {
        /** Folder of {@code <tf>.zip} models and {@code <tf>.json} cards, relative to the config file. */
        public String modelsDir = "models/predictors";
        /** Stacked LSTM layers (the last one feeds a linear output from its last time step). */
        public int lstmLayers = 2;
        /** Units in every LSTM layer. */
        public int lstmUnits = 128;
        /** Feature rows (bars) per input sequence, ending at the bar being predicted from. */
        public int sequenceLength = 60;
        /** Most passes over the training set; early stopping usually ends sooner. */
        public int maxEpochs = 20;
        /** Stop after this many epochs without a better validation loss (the best epoch is kept). */
        public int patience = 3;
        public double learningRate = 0.001;
        public int batchSize = 256;
        /** Seeds weight init and the training-set shuffle. */
        public long seed = 42;
        /** Most samples (train + validation) per timeframe, chosen evenly over symbols and time. */
        public int maxSamples = 40000;
        /**
         * The 1d model trains and validates on daily bars from this date (the 505-stock file starts 2013-02-08;
         * the ETF files in the same folder go back to 1993)...
         */
        public LocalDate dailyTrainStart = LocalDate.of(2013, 1, 1);
        /** ...up to this date; later daily bars are kept out-of-sample for backtests. */
        public LocalDate dailyTrainEnd = LocalDate.of(2016, 1, 31);
    }

    /** The desk view: REST API and page served by the daemon (docs/web.md). */
    public static class Web {
        public boolean enabled = true;
        /** Address to listen on. Anything but a loopback address makes every call need the token. */
        public String host = "127.0.0.1";
        /** 0 = any free port (tests). */
        public int port = 8321;
        /** Bearer token for calls that change anything (all calls when the host is not loopback). Unset: those calls answer 401. */
        public Secret token = new Secret("${AUTOTRADER_WEB_TOKEN}");

        /**
         * True for addresses only this machine can reach: localhost, 127.0.0.0/8 and ::1. Decided on
         * the text alone (no name lookup), so any other name counts as reachable from outside.
         */
        public static boolean loopback(String host) {
            if (host == null) return false;
            String h = host.trim().toLowerCase();
            if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
            return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
        }
    }

    /**
     * The weekly retraining of the ensemble (docs/retrain.md): a candidate trained on the latest sessions
     * replaces the live model only when it is not worse on the same held-out sessions.
     */
    public static class Retrain {
        /** Schedule the job in the daemon (`autotrader retrain` works either way). */
        public boolean enabled = true;
        /** Quartz cron in America/New_York; Saturday morning, when no cycle runs. */
        public String cron = "0 0 6 ? * SAT";
        /** NYSE sessions of decision times the candidate is trained on, before the held-out sessions. */
        public int lookbackDays = 60;
        /** The latest NYSE sessions up to the retrain time: both the live model and the candidate are scored on them. */
        public int holdoutDays = 5;
        /** Minutes between decision times inside a session (as `train ensemble --every`). */
        public int everyMinutes = 60;
        /** How much worse still counts as not worse: log-loss may be this much higher, macro AUC this much lower. */
        public double tolerance = 0.0;
        /** Also retrain the LSTM predictors (before the ensemble): about 5 minutes per timeframe on 2 cores, on a Saturday. */
        public boolean predictors = true;
        /** Timeframes whose predictor is retrained (1d and 6h need far more history than a weekly window; see config.yaml). */
        public List<String> predictorTimeframes = new ArrayList<>(List.of("1m", "5m", "30m", "1h"));
        /** NYSE sessions of bars up to the retrain time that one predictor's samples come from. */
        public int predictorLookbackDays = 60;
        /** The latest part of those samples (after the candidate's, purged by the sequence length) both predictors are scored on. */
        public double predictorHoldoutFraction = 0.2;
        /** Caps on predict.max_epochs / predict.max_samples for the weekly job (0: use predict's). */
        public int predictorMaxEpochs = 10;
        public int predictorMaxSamples = 20000;
        /**
         * How much higher the candidate's held-out RMSE (of the next-bar log return) may be and still count as
         * not worse. Its own key: retrain.tolerance is on the log-loss scale (~1), RMSEs of returns are ~0.001.
         */
        public double predictorTolerance = 0.0;
    }

    /** The backtest command (docs/backtest.md). */
    public static class Backtest {
        /** Annual risk-free rate behind Sharpe and Sortino, e.g. 0.02 for 2 %; 0 = excess over cash at 0 %. */
        public double riskFreeRate = 0.0;
    }
}
