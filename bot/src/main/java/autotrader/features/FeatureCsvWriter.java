package autotrader.features;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link FeatureMatrix} as CSV: a header {@code time,<feature names...>}, then one row per
 * bar with the bar's end time in ISO-8601 (UTC, e.g. 2024-01-02T14:35:00Z). Missing values (NaN)
 * are empty fields; numbers use {@link Double#toString}, which reads back to the same double.
 * Feature names are snake_case, so no field ever needs quoting.
 */
public final class FeatureCsvWriter {

    private FeatureCsvWriter() {
    }

    public static void write(FeatureMatrix matrix, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(matrix, out);
        }
    }

    public static void write(FeatureMatrix matrix, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(32 * (matrix.columns() + 1));
        line.append("time");
        for (String name : matrix.names()) line.append(',').append(name);
        out.write(line.append('\n').toString());
        for (int r = 0; r < matrix.rows(); r++) {
            line.setLength(0);
            line.append(matrix.endTimes().get(r));
            for (double v : matrix.row(r)) {
                line.append(',');
                if (!Double.isNaN(v)) line.append(v);
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
    }
}
