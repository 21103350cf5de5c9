package autotrader.config;

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
    public Schwab schwab = new Schwab();
    public Telegram telegram = new Telegram();
    public Predict predict = new Predict();

    public enum Source { SIM, CSV, SCHWAB }

    public static class Market {
        public Source source = Source.SIM;
        /** Folder of bar files laid out like ../shared/data, for source csv. */
        public String csvDir = "../shared/data";
        /** Index symbols used for beta and dependence; never candidates. */
        public List<String> benchmarks = new ArrayList<>(List.of("SPY", "QQQ"));
        public Sim sim = new Sim();
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
        /** Only fire jobs while the NYSE regular session is open (holidays and early closes respected). */
        public boolean marketHoursOnly = true;
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

    public static class Schwab {
        public String baseUrl = "https://api.schwabapi.com";
        public Secret appKey = new Secret("${SCHWAB_APP_KEY}");
        public Secret appSecret = new Secret("${SCHWAB_APP_SECRET}");
        public String callbackUrl = "https://127.0.0.1:8182";
        /** OAuth tokens are kept here, readable by the owner only. */
        public String tokenFile = "state/schwab-tokens.json";
        public int requestsPerMinute = 120;
    }

    public static class Telegram {
        public boolean enabled = false;
        public String apiUrl = "https://api.telegram.org";
        public Secret botToken = new Secret("${TELEGRAM_BOT_TOKEN}");
        /** Only these chats may approve trades or send commands. */
        public List<Long> allowedChatIds = new ArrayList<>();
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
}
