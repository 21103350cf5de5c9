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
import autotrader.predict.PredictSettings;
import autotrader.predict.PredictorCard;
import autotrader.retrain.EnsembleRetrainer;
import autotrader.retrain.PredictorRetrainer;
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
import java.util.ArrayList;
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

    /** What one retrain decided: each predictor retrained (in config order), the ensemble, and the table's lines. */
    public record Result(List<PredictorCard.Retrain> predictors, RetrainRecord ensemble, List<RetrainReport.Line> lines) {
        public String table() {
            return RetrainReport.lines(lines);
        }
    }

    /** For the scheduler: retrains as of {@code asOf} and logs the table. */
    public void run(Instant asOf) {
        Result r = retrain(asOf);
        log.info("retrain as of {}:\n{}", ScanReport.when(asOf), r.table());
    }

    /**
     * Retrains every model the retrain covers: first the predictors of {@code retrain.predictor_timeframes}
     * (when {@code retrain.predictors} is on), then the ensemble on rows made with whichever predictors are
     * live by then. A predictor whose retrain fails is reported and left as it was; the others go on.
     */
    public synchronized Result retrain(Instant asOf) {
        Path dir = ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        List<PredictorCard.Retrain> predictors = new ArrayList<>();
        List<RetrainReport.Line> lines = new ArrayList<>();
        if (ctx.config().retrain.predictors) {
            PredictorRetrainer pr = predictorRetrainer(null);
            for (String label : ctx.config().retrain.predictorTimeframes) {
                Timeframe tf = Timeframe.parse(label);
                try {
                    PredictorCard.Retrain r = pr.retrain(tf, asOf);
                    predictors.add(r);
                    lines.add(RetrainReport.Line.of(r));
                } catch (IOException | RuntimeException e) {
                    // One timeframe without enough bars (or a failed write) must not stop the others or the ensemble.
                    log.error("retrain of the {} predictor failed; the live one stays: {}", tf, e.toString(), e);
                    progress.accept("retrain " + tf + ": FAILED, the live model stays: " + e.getMessage());
                    lines.add(RetrainReport.Line.failed(RetrainReport.predictorName(tf.label()), "rmse", String.valueOf(e.getMessage())));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            RetrainData data = data(asOf, pool);
            RetrainRecord ensemble = retrainer(null).retrain(data, note(data.window()));
            lines.add(RetrainReport.Line.of(ensemble));
            return new Result(List.copyOf(predictors), ensemble, List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("retrain of " + dir + " failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The predictors' retrainer: {@code predict.*} settings with the weekly job's caps; {@code trainer} null: PredictorTrainer. */
    PredictorRetrainer predictorRetrainer(PredictorRetrainer.CandidateTrainer trainer) {
        AppConfig cfg = ctx.config();
        AppConfig.Retrain r = cfg.retrain;
        PredictSettings settings = PredictSettings.from(cfg.predict);
        if (r.predictorMaxEpochs > 0) settings = settings.withMaxEpochs(Math.min(settings.maxEpochs(), r.predictorMaxEpochs));
        if (r.predictorMaxSamples > 0) settings = settings.withMaxSamples(Math.min(settings.maxSamples(), r.predictorMaxSamples));
        return new PredictorRetrainer(ctx.loaded().resolve(cfg.predict.modelsDir), ctx.market(), ctx.calendar(), settings,
                new PredictorRetrainer.Settings(r.predictorLookbackDays, r.predictorHoldoutFraction, r.predictorTolerance), trainer, progress);
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
                : rows -> EnsembleTrainer.train(rows, settings, LabelSettings.from(cfg.ensemble.labels), step -> progress.accept(step.describe()));
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
