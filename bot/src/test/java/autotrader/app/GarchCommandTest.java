package autotrader.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class GarchCommandTest {

    @TempDir
    Path dir;

    @Test
    void fitsAColumnOfPricesAndPrintsTheFiveStepForecast() throws Exception {
        StringBuilder csv = new StringBuilder("date,close\n");
        SplittableRandom rnd = new SplittableRandom(5);
        double p = 100, h = 1e-4;
        double prevShock = 0;
        for (int i = 0; i < 1500; i++) {
            h = 2e-6 + 0.08 * prevShock * prevShock + 0.9 * h;
            prevShock = Math.sqrt(h) * rnd.nextGaussian();
            p *= Math.exp(prevShock);
            csv.append("d").append(i).append(',').append(p).append('\n');
        }
        Path f = dir.resolve("prices.csv");
        Files.writeString(f, csv);
        MainTest.Run r = MainTest.run("garch", "--input", f.toString(), "--column", "close", "--prices");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.get("converged").asBoolean());
        assertEquals(5, json.get("forecast").size());
        double alpha = json.get("estimates").get("alpha").asDouble(), beta = json.get("estimates").get("beta").asDouble();
        assertTrue(alpha > 0.02 && alpha < 0.2 && beta > 0.75 && alpha + beta < 1, json.toString());
    }

    @Test
    void aMissingColumnIsExitCode2NamingIt() throws Exception {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "a,b\n1,2\n");
        MainTest.Run r = MainTest.run("garch", "--input", f.toString(), "--column", "ret");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'ret'") && r.err().contains("x.csv"), r.err());
    }

    @Test
    void aSeriesThatCannotBeFitIsExitCode1WithTheReason() throws Exception {
        Path f = dir.resolve("flat.csv");
        Files.writeString(f, "ret\n" + "0.5\n".repeat(100));
        MainTest.Run r = MainTest.run("garch", "--input", f.toString());
        assertEquals(1, r.code());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertFalse(json.get("converged").asBoolean());
        assertTrue(json.get("error").asText().startsWith("CONSTANT"), json.toString());
    }
}
