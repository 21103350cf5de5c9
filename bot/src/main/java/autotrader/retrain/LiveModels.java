package autotrader.retrain;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.StackedEnsemble;
import autotrader.pipeline.CycleRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The daemon's models, reloaded when the model folder changed (a retrain, by the daemon's own job or
 * by `autotrader retrain` in another process, or a manual `train ensemble`). The trading loop asks
 * {@link #current()} at the start of every cycle, so a cycle runs start to end on one set and a new
 * set takes over between cycles, without a restart.
 *
 * <p>A change is noticed by a hash of manifest.json and model_card.json: every save writes a new card
 * (its trained_at, and a retrain's comparison). While the folder is missing or incomplete (a swap in
 * progress) or a new set fails to load, the loaded set stays in use and the next cycle tries again.
 */
public final class LiveModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveModels.class);

    /** A loaded set: the cycle runner around it and the version string stored with its decisions. */
    public record Models(CycleRunner runner, String versions, String signature) {}

    private final Path dir;
    private final Function<StackedEnsemble, CycleRunner> runnerFor;
    private final Supplier<String> versions;
    private Models models;
    private StackedEnsemble loaded;
    /** The set replaced last: closed only at the next swap, never under a caller that may still be using it. */
    private StackedEnsemble retired;
    private String failedSignature;

    /** Loads the set in {@code dir} now; fails when there is none or it cannot be loaded. */
    public LiveModels(Path dir, Function<StackedEnsemble, CycleRunner> runnerFor, Supplier<String> versions) throws IOException {
        this.dir = dir;
        this.runnerFor = runnerFor;
        this.versions = versions;
        String sig = signature(dir);
        if (sig == null) throw new IOException("no complete model set in " + dir);
        load(sig);
    }

    /** The set to run the next cycle on: the newest complete set in the folder, or the loaded one. */
    public synchronized Models current() {
        String sig = signature(dir);
        if (sig == null || sig.equals(models.signature()) || sig.equals(failedSignature)) return models;
        try {
            load(sig);
            log.info("models reloaded from {} (changed on disk): {}", dir, models.versions());
        } catch (IOException | RuntimeException e) {
            failedSignature = sig;
            log.warn("the model set in {} changed but does not load ({}); the previous set stays in use", dir, e.getMessage());
        }
        return models;
    }

    private void load(String sig) throws IOException {
        StackedEnsemble e = EnsembleStore.load(dir);
        CycleRunner runner;
        try {
            runner = runnerFor.apply(e);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
        if (retired != null) retired.close();
        retired = loaded;
        loaded = e;
        models = new Models(runner, versions.get(), sig);
        failedSignature = null;
    }

    /** A hash of the files every save rewrites, or null while the folder holds no complete set. */
    static String signature(Path dir) {
        Path manifest = dir.resolve(ModelFolderSwap.COMPLETE_MARKER), card = dir.resolve(RetrainFiles.CARD);
        try {
            if (!Files.isRegularFile(manifest)) return null;
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(manifest));
            if (Files.isRegularFile(card)) md.update(Files.readAllBytes(card));
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return null; // being swapped right now: try again next cycle
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (retired != null) retired.close();
        if (loaded != null) loaded.close();
        retired = null;
        loaded = null;
    }

    @Override
    public String toString() {
        return "LiveModels[" + dir + ", " + Objects.requireNonNullElse(models, "none") + "]";
    }
}
