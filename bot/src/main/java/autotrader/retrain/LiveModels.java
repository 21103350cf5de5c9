package autotrader.retrain;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.StackedEnsemble;
import autotrader.pipeline.CycleRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import java.util.stream.Stream;
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
    private final List<Path> watched;
    private final Function<StackedEnsemble, CycleRunner> runnerFor;
    private final Supplier<String> versions;
    private Models models;
    private StackedEnsemble loaded;
    /** The set replaced last: closed only at the next swap, never under a caller that may still be using it. */
    private StackedEnsemble retired;
    private String failedSignature;

    /** Loads the set in {@code dir} now; fails when there is none or it cannot be loaded. */
    public LiveModels(Path dir, Function<StackedEnsemble, CycleRunner> runnerFor, Supplier<String> versions) throws IOException {
        this(dir, List.of(), runnerFor, versions);
    }

    /**
     * As above, and also rebuilds the runner when a file of a {@code watched} folder changed: the
     * predictors folder, which the weekly retrain swaps whole (its cards and manifest.json change). The
     * runner factory makes new {@code Predictors}, which read the zips of the folder as it is then.
     * An interrupted swap of a watched folder is repaired here, at start-up.
     */
    public LiveModels(Path dir, List<Path> watched, Function<StackedEnsemble, CycleRunner> runnerFor, Supplier<String> versions)
            throws IOException {
        this.dir = dir;
        this.watched = List.copyOf(watched);
        this.runnerFor = runnerFor;
        this.versions = versions;
        for (Path w : this.watched) ModelFolderSwap.recover(w);
        String sig = signature();
        if (sig == null) {
            throw new IOException(signature(dir) == null ? "no complete model set in " + dir : "no model folder " + watched.stream()
                    .filter(w -> jsonFilesSignature(w) == null).findFirst().orElse(dir));
        }
        load(sig);
    }

    /** The set to run the next cycle on: the newest complete set in the folder, or the loaded one. */
    public synchronized Models current() {
        String sig = signature();
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

    /** The ensemble folder's signature plus each watched folder's; null while any of them is missing (being swapped). */
    private String signature() {
        String sig = signature(dir);
        if (sig == null) return null;
        StringBuilder sb = new StringBuilder(sig);
        for (Path w : watched) {
            String ws = jsonFilesSignature(w);
            if (ws == null) return null;
            sb.append(' ').append(ws);
        }
        return sb.toString();
    }

    /**
     * A hash of the names and contents of a folder's JSON files (the predictors' cards, and manifest.json once a
     * retrain swapped it): every predictor a retrain installs comes with a new card. Null while the folder is missing.
     */
    static String jsonFilesSignature(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return null; // missing, or being swapped right now: try again next cycle
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
