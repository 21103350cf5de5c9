package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.approvals.LastPrice;
import autotrader.approvals.TraderCommands;
import autotrader.rules.RuleSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import autotrader.config.AppConfig;
import autotrader.rules.RulesState;
import autotrader.schedule.JobScheduler;
import autotrader.store.JobRepository;
import autotrader.view.ModelCards;
import autotrader.view.TraderView;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.function.Supplier;
/** The parts of `status` beyond the last scan: the last cycle, approvals, positions, rules and models, as {@link TraderView} reads them. */
final class SystemStatus {

    private SystemStatus() {
    }

    /** Labelled one-line read-outs, in the order a person reads them. */
    static Map<String, String> lines(AppContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        var approvals = ApprovalCommands.service(ctx);
        // Positions are valued at the daemon's market time (a simulated day's, say), else at the CLI's.
        var heartbeat = ctx.store().jobs().heartbeat();
        var now = heartbeat.<Supplier<Instant>>map(h -> h::marketTime).orElse(MarketNow.cli(ctx));
        TraderView view = new TraderView(ctx.config().mode.shown(ctx.market().simulated()), ctx.store(), ctx.trading(now, Notifier.log()).orders(),
                approvals, LastPrice.from(ctx.market()), Clock.fixed(now.get(), ZoneOffset.UTC), null, null);
        out.put("daemon", daemon(heartbeat, Instant.now()));
        out.put("clock", heartbeat.filter(h -> alive(h, Instant.now()))
                .map(h -> ScanReport.when(h.marketTime()) + " market time (" + h.clock() + ")")
                .orElse(ScanReport.when(Instant.now()) + " (wall clock; no daemon running)"));
        out.put("last cycle", view.lastCycle()
                .map(c -> ScanReport.when(c.asOf()) + ": " + c.decisions() + " decisions, " + c.buys() + " BUY")
                .orElse("none yet")
                + view.jobs().stream().filter(j -> j.job().equals("cycle") && j.lastMs() != null).findFirst()
                        .map(j -> String.format(", took %.1f s%s", j.lastMs() / 1000, j.lastError() == null ? "" : " and FAILED: " + j.lastError()))
                        .orElse(""));
        out.put("approvals", view.pendingIntents() + " pending, " + view.intentsInAll() + " intents in all");
        try {
            out.put("positions", view.bookPositions().size() + " open (see `autotrader positions`)");
            out.put("P&L", TraderDesk.pnl(view, TraderCommands.PnlPeriod.TODAY) + "; " + TraderDesk.pnl(view, TraderCommands.PnlPeriod.ALL));
        } catch (RuntimeException e) {
            out.put("positions", "unavailable: " + e.getMessage());
        }
        // Near the top: before the details, whether the model's BUYs can trade at all (the rules' skill gate).
        out.put("trading", TradingGates.line(ctx).substring("trading: ".length()));
        out.put("rules", rules(ctx.loaded().resolve("rules"), view.rules()));
        out.put("predictors", ModelCards.predictors(ctx.loaded().resolve(ctx.config().predict.modelsDir)));
        out.put("ensemble", ModelCards.ensemble(ctx.loaded().resolve(ctx.config().ensemble.modelDir)));
        out.put("model versions", ModelVersions.of(ctx));
        view.schwab().ifPresent(s -> {
            out.put("schwab stream", s.streamLine() + " (" + s.written(Instant.now()) + ")");
            out.put("schwab REST", s.restLine());
        });
        return out;
    }

    /**
     * The rules in force as the daemon last wrote them (the version, or REFUSED with file:line: message
     * until a good edit lands), and the files on disk when they differ; with no daemon state, the files.
     */
    static String rules(Path dir, Optional<RulesState> daemon) {
        String disk;
        try {
            disk = RuleSource.read(dir).sha256().substring(0, 12);
        } catch (RuntimeException e) {
            disk = null;
            if (daemon.isEmpty()) return "unreadable: " + e.getMessage();
        }
        if (daemon.isEmpty()) return disk + " (" + dir + ")";
        var s = daemon.get();
        String line = s.line();
        if (!s.isRefused() && disk != null && !disk.equals(s.version())) line += "; files on disk are " + disk + " (not loaded yet)";
        return line;
    }

    /** Whether the daemon is running, from its heartbeat: three missed beats without a clean stop mean it died. */
    static String daemon(Optional<JobRepository.Heartbeat> heartbeat, Instant now) {
        if (heartbeat.isEmpty()) return "has not run on this state database";
        var h = heartbeat.get();
        if (h.stoppedAt() != null) return "not running (stopped cleanly " + ScanReport.when(h.stoppedAt()) + ")";
        long age = Duration.between(h.beatAt(), now).toSeconds();
        if (alive(h, now)) {
            return String.format("running, pid %d, %s mode, up since %s, heartbeat %d s ago", h.pid(), h.mode().toUpperCase(),
                    ScanReport.when(h.startedAt()), age);
        }
        return "NOT RUNNING: last heartbeat " + ScanReport.when(h.beatAt()) + " (pid " + h.pid()
                + ") without a clean stop; it was killed or crashed. `autotrader run` reconciles first and goes on";
    }

    static boolean alive(JobRepository.Heartbeat h, Instant now) {
        // A fresh heartbeat from a process that no longer exists (killed a moment ago) is not alive.
        boolean processGone = ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true);
        return h.stoppedAt() == null && !processGone && Duration.between(h.beatAt(), now).toSeconds() <= 3L * Daemon.HEARTBEAT_SECONDS;
    }

    /**
     * One line per job: last run (market time), how long it took and how it ended, and the next run:
     * as the running daemon planned it, or, with no daemon running, when it would run if started now.
     */
    static List<String> jobs(AppContext ctx) {
        AppConfig cfg = ctx.config();
        var rows = new LinkedHashMap<String, JobRepository.JobRow>();
        ctx.store().jobs().all().forEach(r -> rows.put(r.job(), r));
        var heartbeat = ctx.store().jobs().heartbeat();
        boolean running = heartbeat.filter(h -> alive(h, Instant.now())).isPresent();
        Map<String, String> crons = new LinkedHashMap<>();
        crons.put("cycle", cfg.schedule.scanCron);
        crons.put("monitor", cfg.schedule.monitorCron);
        crons.put("reconcile", cfg.schedule.reconcileCron);
        crons.put("daily-summary", cfg.schedule.dailySummaryCron);
        rows.keySet().forEach(j -> crons.putIfAbsent(j, null));
        List<String> out = new ArrayList<>();
        out.add(String.format("%-15s %-17s %9s %-8s %-17s", "job", "last run", "took", "result", running ? "next run" : "next run if started now"));
        Instant from = heartbeat.map(JobRepository.Heartbeat::marketTime).filter(t -> running).orElse(MarketNow.cli(ctx).get());
        for (var e : crons.entrySet()) {
            var r = rows.get(e.getKey());
            String next;
            if (running) {
                next = r == null || r.nextAsOf() == null ? "-" : ScanReport.when(r.nextAsOf());
            } else if (e.getValue() != null) {
                boolean hoursOnly = cfg.schedule.marketHoursOnly && !e.getKey().equals("daily-summary");
                Instant t = JobScheduler.nextFire(e.getValue(), hoursOnly, from, ctx.calendar());
                next = t == null ? "-" : ScanReport.when(t);
            } else {
                next = "-";
            }
            out.add(String.format("%-15s %-17s %9s %-8s %-17s", e.getKey(), r == null || r.lastAsOf() == null ? "never" : ScanReport.when(r.lastAsOf()),
                    r == null || r.lastMs() == null ? "" : r.lastMs() >= 1000 ? String.format("%.1f s", r.lastMs() / 1000) : String.format("%.0f ms", r.lastMs()),
                    r == null ? "" : r.running() && running ? "running" : r.lastError() != null ? "FAILED" : r.runs() > 0 ? "ok" : "",
                    next));
        }
        return out;
    }
}
