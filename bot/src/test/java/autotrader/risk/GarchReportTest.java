package autotrader.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarchReportTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void serialisesEstimatesErrorsAndFiveStepForecast() throws Exception {
        double[] r = GarchSimulator.simulate(new GarchParameters(0.0, 0.05, 0.1, 0.85, Double.NaN), GarchDistribution.NORMAL, 800, 9);
        JsonNode node = json.readTree(json.writeValueAsString(GarchReport.fit(r, GarchDistribution.NORMAL)));
        assertTrue(node.get("converged").asBoolean());
        assertEquals(800, node.get("n").asInt());
        assertEquals("NORMAL", node.get("distribution").asText());
        assertTrue(node.get("logLikelihood").isNumber());
        for (String k : new String[] {"mu", "omega", "alpha", "beta"}) {
            assertTrue(node.get("estimates").get(k).isNumber(), k);
            assertTrue(node.get("standardErrors").get(k).isNumber(), k);
        }
        assertEquals(5, node.get("forecast").size());
        JsonNode first = node.get("forecast").get(0);
        assertEquals(1, first.get("step").asInt());
        assertEquals(Math.sqrt(first.get("variance").asDouble()), first.get("volatility").asDouble(), 1e-15);
        assertFalse(node.has("error"));
    }

    @Test
    void failureIsAReportWithAReason() throws Exception {
        JsonNode node = json.readTree(json.writeValueAsString(GarchReport.fit(new double[10], GarchDistribution.STUDENT_T)));
        assertFalse(node.get("converged").asBoolean());
        assertTrue(node.get("error").asText().startsWith("TOO_SHORT"), node.toString());
        assertEquals(0, node.get("estimates").size());
    }

    @Test
    void readColumnNamesFileColumnAndLineInErrors(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "obs,ret\n1,0.5\n\n2,-0.25\n3,oops\n");
        IOException bad = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ReturnSeries.readColumn(csv, "ret"));
        assertTrue(bad.getMessage().contains("r.csv line 5") && bad.getMessage().contains("'ret'") && bad.getMessage().contains("oops"),
                bad.getMessage());
        IOException missing = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ReturnSeries.readColumn(csv, "close"));
        assertTrue(missing.getMessage().contains("no column 'close'"), missing.getMessage());
        Files.writeString(csv, "obs,ret\n1,0.5\n2,-0.25\n");
        assertEquals(2, ReturnSeries.readColumn(csv, "ret").length);
    }
}
