package autotrader.app;

import autotrader.config.ConfigException;
import autotrader.market.BadMarketDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code java -jar bot/target/autotrader.jar <command>}. */
@Command(name = "autotrader", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Momentum scanner, ML pipeline and rule-driven trader for US stocks (paper by default).",
        subcommands = {RunCommand.class, StatusCommand.class, ScanCommand.class, FeaturesCommand.class, GarchCommand.class, RulesCommand.class, OrdersCommand.class, PositionsCommand.class,
                PauseCommand.class, ResumeCommand.class, FlattenCommand.class, SchwabCommand.class, TelegramCommand.class,
                ApprovalCommands.Intents.class, ApprovalCommands.Approve.class, ApprovalCommands.Reject.class, TrainCommand.class, CycleCommand.class, BenchCommand.class, BacktestCommand.class,
                RetrainCommand.class, DataCommand.class, UniverseCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 success, 1 failure, 2 bad input or config. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // A csv folder without one usable bar is bad input too: its message names the folder and the files.
            if (ex instanceof ConfigException || ex instanceof BadInputException || ex instanceof BadMarketDataException) {
                cmd.getErr().println((ex instanceof ConfigException ? "config error: " : "error: ") + ex.getMessage());
                cmd.getErr().flush();
                return 2;
            }
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", ex);
            cmd.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"autotrader " + (v == null ? "dev" : v)};
        }
    }
}
