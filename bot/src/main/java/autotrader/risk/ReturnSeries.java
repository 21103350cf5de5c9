package autotrader.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small helpers to get a return series into a double[]. */
public final class ReturnSeries {

    private ReturnSeries() {}

    /**
     * Reads one numeric column of a comma-separated file with a header line. Blank lines are skipped; a missing
     * column, a short row or a value that is not a number fails with an IOException naming file, column and line.
     * No quoting support: the shared data files do not use it.
     */
    public static double[] readColumn(Path csv, String column) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) throw new IOException(csv + ": empty file, expected a header with column '" + column + "'");
            String[] names = header.split(",", -1);
            int index = -1;
            for (int i = 0; i < names.length; i++) {
                if (unquote(names[i]).equals(column)) index = i;
            }
            if (index < 0) {
                throw new IOException(csv + ": no column '" + column + "' in header " + Arrays.toString(names));
            }
            double[] values = new double[1024];
            int count = 0;
            int lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length <= index) {
                    throw new IOException(csv + " line " + lineNumber + ": column '" + column + "' missing (only "
                            + cells.length + " fields)");
                }
                String cell = unquote(cells[index]).trim();
                double value;
                try {
                    value = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IOException(csv + " line " + lineNumber + ": column '" + column + "' is not a number: '"
                            + cell + "'", e);
                }
                if (count == values.length) values = Arrays.copyOf(values, count * 2);
                values[count++] = value;
            }
            return Arrays.copyOf(values, count);
        }
    }

    /** ln(p_t / p_{t-1}) for t = 1..n-1. */
    public static double[] logReturns(double[] prices) {
        if (prices.length < 2) return new double[0];
        double[] r = new double[prices.length - 1];
        for (int t = 1; t < prices.length; t++) r[t - 1] = Math.log(prices[t] / prices[t - 1]);
        return r;
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
