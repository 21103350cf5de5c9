package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.StackedEnsemble;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.pipeline.CycleRunner;
import autotrader.pipeline.TrainingSetBuilder;
import autotrader.retrain.EnsembleRetrainer;
import autotrader.retrain.RetrainData;
import autotrader.retrain.RetrainRecord;
import autotrader.retrain.RetrainReport;
import autotrader.retrain.RetrainSettings;
import autotrader.retrain.RetrainWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The weekly retrain wired to the configuration (docs/retrain.md): the same step for the daemon's
 * Saturday job ({@code scheduler.schedule("retrain", cfg.retrain.cron, false, job::run)}) and for
 * {@code autotrader retrain}. Rows come from the live cycle path with the current predictors; the
 * candidate is trained with the {@code ensemble} settings. One retrain at a time per process.
 */
public final class RetrainJob {

    private static final Logger log = LoggerFactory.getLogger(RetrainJob.class);

    private final AppContext ctx;
    private final Consumer<String> progress;

    public RetrainJob(AppContext ctx, Consumer<String> progress) {
        this.ctx = ctx;
        this.progress = progress;
    }

    /** For the scheduler: retrains as of {@code asOf} and logs the table. */
    public void run(Instant asOf) {
        List<RetrainRecord> records = retrain(asOf);
        log.info("retrain as of {}:\n{}", ScanReport.when(asOf), RetrainReport.table(records));
    }

    /** Retrains every model the retrain covers (today: the ensemble) and returns what was decided for each. */
    public synchronized List<RetrainRecord> retrain(Instant asOf) {
        Path dir = ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            RetrainData data = data(asOf, pool);
            return List.of(retrainer(null).retrain(data, note(data.window())));
        } catch (IOException e) {
            throw new UncheckedIOException("retrain of " + dir + " failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The training and held-out rows of a retrain at {@code asOf}, made by the live cycle path on {@code pool}. */
    RetrainData data(Instant asOf, ExecutorService pool) {
        AppConfig cfg = ctx.config();
        // Inputs only: the rows do not depend on the ensemble, so both models are scored on identical rows.
        CycleRunner inputs = ctx.cycleRunner(pool, (StackedEnsemble) null);
        TrainingSetBuilder builder = new TrainingSetBuilder(inputs, ctx.market(), ctx.calendar(),
                new TradeLabeler(LabelSettings.from(cfg.ensemble.labels)), Timeframe.parse(cfg.ensemble.labelTimeframe));
        RetrainWindow window = RetrainWindow.of(asOf, ctx.calendar(), builder, RetrainSettings.from(cfg.retrain));
        progress.accept("retrain: " + window.describe());
        return RetrainData.build(window, builder, progress);
    }

    /** The ensemble's retrainer; {@code trainer} null: {@link EnsembleTrainer} with the configured settings. */
    EnsembleRetrainer retrainer(EnsembleRetrainer.CandidateTrainer trainer) {
        AppConfig cfg = ctx.config();
        EnsembleSettings settings = EnsembleSettings.from(cfg.ensemble);
        EnsembleRetrainer.CandidateTrainer t = trainer != null ? trainer
                : rows -> EnsembleTrainer.train(rows, settings, step -> progress.accept(step.describe()));
        return new EnsembleRetrainer(ctx.loaded().resolve(cfg.ensemble.modelDir), t, cfg.retrain.tolerance, progress);
    }

    String note(RetrainWindow w) {
        MarketData market = ctx.market();
        return "retrain as of " + w.asOf() + ": data " + market.name() + (market.simulated() ? " -- SIMULATED prices, not a real market" : "")
                + "; decision times every " + ctx.config().retrain.everyMinutes + " min, trained on sessions " + w.trainFrom() + ".."
                + w.trainTo() + ", compared with the live model on " + w.holdoutFrom() + ".." + w.holdoutTo()
                + "; labels on " + ctx.config().ensemble.labelTimeframe + " bars; inputs from the live cycle path";
    }
}
