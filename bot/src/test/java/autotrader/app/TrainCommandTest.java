package autotrader.app;

import autotrader.predict.PredictorCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** train predictors end to end on the simulator with a tiny network (TrainCommand is not in Main yet). */
class TrainCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new TrainCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return ex instanceof BadInputException ? 2 : 1;
        });
        return cli.execute(args);
    }

    private Path config() throws IOException {
        Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(dir.resolve("strategies/momentum.yaml"), "name: momentum\n");
        return Files.writeString(dir.resolve("config.yaml"), """
                predict:
                  lstm_layers: 1
                  lstm_units: 4
                  sequence_length: 6
                  max_epochs: 2
                  max_samples: 600
                """);
    }

    @Test
    void trainsOnTheSimulatorAndWritesAModelAndACardThatSaySimulated() throws IOException {
        Path cfg = config();
        int code = run(new StringWriter(), "predictors", "--config", cfg.toString(), "--source", "sim", "--timeframes", "1d",
                "--symbols", "2", "--to", "2025-01-31");
        assertEquals(0, code);
        Path zip = dir.resolve("models/predictors/1d.zip"), card = dir.resolve("models/predictors/1d.json");
        assertTrue(Files.size(zip) > 1000);
        PredictorCard c = PredictorCard.read(card);
        assertTrue(c.simulated());
        assertTrue(c.dataSource().startsWith("SIMULATED"), c.dataSource());
        assertEquals(2, c.symbols().size());
        assertEquals("1d", c.timeframe());
        assertEquals(6, c.sequenceLength());
        assertEquals(1, c.architecture().lstmLayers());
        assertTrue(c.metrics().samples() > 0);
        assertNotNull(c.verdict());
    }

    @Test
    void badInputIsRefused() throws IOException {
        Path cfg = config();
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "predictors", "--config", cfg.toString(), "--timeframes", "2m"));
        assertTrue(err.toString().contains("unknown timeframe '2m'"), err.toString());
        assertEquals(2, run(err, "predictors", "--config", cfg.toString(), "--source", "csv", "--dir", dir.resolve("nope").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }
}
