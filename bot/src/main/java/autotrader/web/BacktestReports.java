package autotrader.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest backtest report's metrics: {@code <folder>/<run>/metrics.json}, served as written. The
 * desk does not interpret its fields, so the backtest can grow them without the desk changing.
 */
final class BacktestReports {

    private final Path folder;

    BacktestReports(Path folder) {
        this.folder = folder;
    }

    /** The newest metrics.json (by modification time) with its path and time; empty when there is none. */
    Optional<ObjectNode> latest() {
        Optional<Path> newest = newest();
        if (newest.isEmpty()) return Optional.empty();
        Path file = newest.get();
        JsonNode metrics;
        try {
            metrics = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ApiError(500, file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(500, "cannot read " + file + ": " + e.getMessage());
        }
        ObjectNode o = Json.object();
        o.put("path", file.toAbsolutePath().normalize().toString());
        o.put("run", file.getParent().getFileName().toString());
        o.put("modified", modified(file).toInstant().toString());
        o.set("metrics", metrics);
        return Optional.of(o);
    }

    private Optional<Path> newest() {
        if (!Files.isDirectory(folder)) return Optional.empty();
        try (Stream<Path> runs = Files.list(folder)) {
            return runs.map(run -> run.resolve("metrics.json")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(BacktestReports::modified).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
