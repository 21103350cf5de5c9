package autotrader.retrain;

import autotrader.market.Timeframe;
import autotrader.predict.PredictorCard;
import autotrader.predict.PredictorModel;
import autotrader.predict.Predictors;
import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Replaces one predictor in the predictors folder as a whole folder (the {@link ModelFolderSwap} the
 * ensemble uses): the live folder is copied to {@code <dir>.staging}, the new {@code <tf>.zip} and
 * {@code <tf>.json} are written into the copy, a {@code manifest.json} (every file's size and SHA-256)
 * is written last to mark the copy complete, and the copy is swapped in. A crash leaves the old folder
 * or the new one, so no reader ever finds a zip beside another model's card. The retrain history goes
 * to {@code <dir>-retrain-history.json} beside the folder, outside it, so that a rejected candidate
 * leaves every file in the folder as it was.
 */
public final class PredictorFolder {

    private PredictorFolder() {
    }

    /** Finishes or undoes a swap a crash interrupted (see {@link ModelFolderSwap#recover}). */
    public static String recover(Path live) throws IOException {
        return ModelFolderSwap.recover(live);
    }

    /** Installs {@code model} and {@code card} as the {@code tf} predictor; the other files of the folder are kept as they are. */
    static void replace(Path live, Timeframe tf, PredictorModel model, PredictorCard card) throws IOException {
        Path staging = ModelFolderSwap.staging(live);
        ModelFolderSwap.deleteTree(staging);
        Files.createDirectories(staging);
        if (Files.isDirectory(live)) {
            try (Stream<Path> files = Files.list(live)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    // the old manifest describes the old set; temporaries are a crashed writer's leftovers
                    if (name.equals(ModelFolderSwap.COMPLETE_MARKER) || name.endsWith(".tmp")) continue;
                    Files.copy(f, staging.resolve(name));
                }
            }
        }
        model.save(Predictors.modelFile(staging, tf));
        card.write(Predictors.cardFile(staging, tf));
        writeManifest(staging);
        ModelFolderSwap.install(staging, live);
    }

    private static void writeManifest(Path dir) throws IOException {
        Map<String, Map<String, Object>> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).toList()) {
                files.put(f.getFileName().toString(), Map.of("bytes", Files.size(f), "sha256", sha256(f)));
            }
        }
        Path tmp = dir.resolve(ModelFolderSwap.COMPLETE_MARKER + ".tmp");
        Files.write(tmp, PredictorCard.JSON.writeValueAsBytes(Map.of("files", files)));
        Files.move(tmp, dir.resolve(ModelFolderSwap.COMPLETE_MARKER), StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path history(Path live) {
        return RetrainFiles.history(live);
    }

    static void appendHistory(Path live, PredictorCard.Retrain r) throws IOException {
        List<PredictorCard.Retrain> all = new ArrayList<>(readHistory(live));
        all.add(r);
        RetrainFiles.writeAtomically(history(live), PredictorCard.JSON.writeValueAsBytes(all));
    }

    public static List<PredictorCard.Retrain> readHistory(Path live) throws IOException {
        Path f = history(live);
        if (!Files.exists(f)) return List.of();
        try {
            return PredictorCard.JSON.readValue(f.toFile(), new TypeReference<List<PredictorCard.Retrain>>() {});
        } catch (IOException e) {
            throw new IOException(f + ": not a readable retrain history (" + e.getMessage() + "); move it away to start a new one", e);
        }
    }
}
