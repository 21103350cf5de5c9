package autotrader.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCsvWriterTest {

    @Test
    void writesHeaderAndRowsThatReadBackExactly(@TempDir Path dir) throws Exception {
        List<Bar> bars = SyntheticBars.randomWalk(8, 60, Timeframe.M30, 12);
        FeatureMatrix m = new FeatureEngine("ABC", Timeframe.M30).compute(bars, null);
        Path file = dir.resolve("out/abc_30m.csv");
        FeatureCsvWriter.write(m, file);

        List<String> lines = Files.readAllLines(file);
        assertEquals(bars.size() + 1, lines.size());
        String[] header = lines.get(0).split(",", -1);
        assertEquals("time", header[0]);
        assertEquals(FeatureEngine.featureNames(), List.of(header).subList(1, header.length));
        int missing = 0;
        for (int r = 0; r < m.rows(); r++) {
            String[] fields = lines.get(r + 1).split(",", -1);
            assertEquals(header.length, fields.length);
            assertEquals(bars.get(r).end(), Instant.parse(fields[0]));
            for (int c = 0; c < m.columns(); c++) {
                double expected = m.values()[r][c];
                if (Double.isNaN(expected)) {
                    assertEquals("", fields[c + 1], "NaN is an empty field");
                    missing++;
                } else {
                    assertEquals(expected, Double.parseDouble(fields[c + 1]), 0.0);
                }
            }
        }
        assertTrue(missing > 0, "warm-up rows have empty fields");
    }
}
