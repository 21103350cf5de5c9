package autotrader.app;

import autotrader.store.Migrations;
import autotrader.store.ScanRepository.StoredScan;
import autotrader.store.Store;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the mode, the state database and the last scan with its candidates, read from SQLite.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Candidates to show (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config);
        Store store = ctx.store();
        Optional<StoredScan> last = store.scans().latest();
        if (json) {
            ObjectNode o = ScanReport.JSON.createObjectNode();
            o.put("mode", ctx.config().mode.label());
            o.put("market_source", ctx.config().market.source.name().toLowerCase());
            if (ctx.source().why() != null) o.put("market_source_auto", ctx.source().why());
            if (ctx.source().refusal() != null) o.put("market_refused", ctx.source().refusal());
            o.put("state_db", store.file().toString());
            o.put("schema_version", Migrations.currentVersion(store.jdbi()));
            o.put("scan_runs", store.scans().count());
            ObjectNode sys = o.putObject("system");
            SystemStatus.lines(ctx).forEach(sys::put);
            var jobs = o.putArray("jobs");
            ctx.store().jobs().all().forEach(j -> {
                ObjectNode n = jobs.addObject();
                n.put("job", j.job());
                n.put("last_as_of", j.lastAsOf() == null ? null : j.lastAsOf().toString());
                if (j.lastMs() != null) n.put("last_ms", j.lastMs());
                n.put("last_error", j.lastError());
                n.put("runs", j.runs());
                n.put("errors", j.errors());
                n.put("next_as_of", j.nextAsOf() == null ? null : j.nextAsOf().toString());
            });
            last.ifPresent(s -> {
                ObjectNode l = o.putObject("last_scan");
                l.put("id", s.id());
                l.put("as_of", s.asOf().toString());
                l.put("ran_at", s.startedAt().toString());
                l.put("source", s.source());
                l.put("simulated", s.simulated());
                l.put("scanned", s.scanned());
                l.put("skipped", s.skipped());
                if (s.durationMs() != null) l.put("duration_ms", s.durationMs());
                l.set("candidates", ScanReport.candidatesJson(s.candidates().stream().limit(top).toList()));
            });
            System.out.println(ScanReport.JSON.writeValueAsString(o));
            return 0;
        }
        System.out.printf("mode:        %s%n", ctx.config().mode.label().toUpperCase());
        System.out.printf("market:      %s%s%n", ctx.config().market.source.name().toLowerCase(),
                (ctx.source().why() == null ? "" : "  (" + ctx.source().why() + ")")
                        + (ctx.source().refusal() == null ? "" : "  REFUSED: live mode never runs on the simulator"));
        System.out.printf("state:       %s (schema v%d, %d scan runs)%n", store.file(),
                Migrations.currentVersion(store.jdbi()), store.scans().count());
        SystemStatus.lines(ctx).forEach((k, v) -> System.out.printf("%-12s %s%n", k + ":", v));
        System.out.println();
        SystemStatus.jobs(ctx).forEach(System.out::println);
        System.out.println();
        if (last.isEmpty()) {
            System.out.println("last scan:   none yet (run `autotrader scan` or `autotrader run`)");
            return 0;
        }
        StoredScan s = last.get();
        System.out.printf("last scan:   #%d as of %s, ran %s, %d scored, %d skipped%s%n", s.id(), ScanReport.when(s.asOf()),
                ScanReport.when(s.startedAt()), s.scanned(), s.skipped(), s.durationMs() == null ? "" : ", " + s.durationMs() + " ms");
        System.out.printf("source:      %s%s%n%n", s.source(), s.simulated() ? "  *** SIMULATED ***" : "");
        System.out.print(ScanReport.candidates(s.candidates().stream().limit(top).toList()));
        return 0;
    }
}
