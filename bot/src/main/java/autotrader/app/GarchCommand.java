package autotrader.app;

import autotrader.risk.GarchDistribution;
import autotrader.risk.GarchReport;
import autotrader.risk.ReturnSeries;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "garch", mixinStandardHelpOptions = true,
        description = "Fit GARCH(1,1) by maximum likelihood to a column of a csv file; print estimates, standard errors, "
                + "log-likelihood and the 5-step variance forecast as JSON. Exit 1 when the fit does not converge.")
public final class GarchCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "Comma-separated file with a header line.")
    Path input;

    @Option(names = "--column", defaultValue = "ret", paramLabel = "NAME", description = "Column of returns (default ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--prices", description = "The column holds prices: fit 100 x log returns (percent) instead.")
    boolean prices;

    @Option(names = "--dist", defaultValue = "normal", paramLabel = "normal|t", description = "Error distribution (default ${DEFAULT-VALUE}).")
    String dist;

    @Override
    public Integer call() throws Exception {
        GarchDistribution distribution = switch (dist.toLowerCase()) {
            case "normal" -> GarchDistribution.NORMAL;
            case "t", "student-t", "student_t" -> GarchDistribution.STUDENT_T;
            default -> throw new BadInputException("--dist '" + dist + "': use normal or t");
        };
        double[] values;
        try {
            values = ReturnSeries.readColumn(input, column);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
        if (prices) {
            values = ReturnSeries.logReturns(values);
            for (int i = 0; i < values.length; i++) values[i] *= 100;
        }
        GarchReport report = GarchReport.fit(values, distribution);
        System.out.println(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report));
        return report.converged() ? 0 : 1;
    }
}
