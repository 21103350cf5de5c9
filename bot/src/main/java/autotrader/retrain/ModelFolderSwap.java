package autotrader.retrain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Puts a complete model folder in place of the live one so that a crash at any point leaves either
 * the old or the new set, never a mix. The new set is written completely to {@code <dir>.staging}
 * first ({@code manifest.json} is what marks a folder complete: EnsembleStore writes it through its own
 * temporary folder); then {@code <dir>} is renamed to {@code <dir>.previous} and the staging folder to
 * {@code <dir>}. Two renames are not one atomic step, so {@link #recover} finishes or undoes a swap a
 * crash interrupted; every reader of the folder calls it first. {@code <dir>.previous} is kept for a
 * manual rollback (rename it back).
 */
public final class ModelFolderSwap {

    private static final Logger log = LoggerFactory.getLogger(ModelFolderSwap.class);
    /** The file that says a folder holds a whole model set. */
    public static final String COMPLETE_MARKER = "manifest.json";

    private ModelFolderSwap() {
    }

    public static Path staging(Path live) {
        return sibling(live, ".staging");
    }

    public static Path previous(Path live) {
        return sibling(live, ".previous");
    }

    /** Makes the complete folder {@code staging} the live one; the live set becomes {@code <dir>.previous}. */
    public static void install(Path staging, Path live) throws IOException {
        if (!complete(staging)) throw new IOException(staging + " has no " + COMPLETE_MARKER + ": not a complete model set, not installed");
        Path previous = previous(live);
        deleteTree(previous);
        if (Files.exists(live)) Files.move(live, previous, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Repairs what an interrupted swap left: no live folder but a complete staging one finishes the swap;
     * no live folder and no complete staging folder brings {@code <dir>.previous} back; a staging folder
     * beside a live one (the swap never started, or training crashed while writing it) is removed.
     * Returns what it did, or null when nothing was needed.
     */
    public static String recover(Path live) throws IOException {
        Path staging = staging(live), previous = previous(live);
        String did = null;
        // EnsembleStore writes a folder through "<folder>.tmp": a crash while writing the staging set leaves that.
        deleteTree(sibling(staging, ".tmp"));
        if (!Files.exists(live)) {
            if (complete(staging)) {
                Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
                did = "finished an interrupted swap: " + staging + " -> " + live;
            } else if (complete(previous)) {
                deleteTree(staging);
                Files.move(previous, live, StandardCopyOption.ATOMIC_MOVE);
                did = "undid an interrupted swap: " + previous + " -> " + live;
            }
        } else if (Files.exists(staging)) {
            deleteTree(staging);
            did = "removed a staging folder left by an interrupted retrain: " + staging;
        }
        if (did != null) log.warn("model folder {}: {}", live, did);
        return did;
    }

    static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(COMPLETE_MARKER));
    }

    private static Path sibling(Path live, String suffix) {
        Path p = live.toAbsolutePath().normalize();
        return p.resolveSibling(p.getFileName() + suffix);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
