package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.approvals.PendingIntent;
import autotrader.config.AppConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** approve / reject / intents from the shell: the same approval service (expiry, exactly-once) as Telegram. */
final class ApprovalCommands {

    private ApprovalCommands() {
    }

    /** The approval service as a one-shot command sees it: market time is now, capped at the end of the data. */
    static ApprovalService service(AppContext ctx) {
        return ctx.trading(MarketNow.cli(ctx), Notifier.log()).approvals();
    }

    static String describe(ApprovalOutcome o) {
        return switch (o.kind()) {
            case SUBMITTED -> "submitted: " + o.brokerOrderId();
            case FILLED -> String.format("filled at %.2f", o.fillPrice());
            case REJECTED -> "rejected by " + o.actor();
            case REJECTED_BY_BROKER -> "not placed: " + o.reason();
            case EXPIRED -> "expired: " + o.reason();
            case ALREADY_DECIDED -> "already " + o.earlier().verdict().name().toLowerCase() + " by " + o.earlier().actor()
                    + " at " + ScanReport.when(o.earlier().at()) + (o.earlier().detail() == null ? "" : " (" + o.earlier().detail() + ")");
            case NOT_FOUND -> "no such intent";
            case PAUSED -> "trading is paused (autotrader resume); the intent is still pending";
            case UNCONFIRMED -> "approved; " + o.reason() + "; the daemon checks with the broker (see `autotrader orders`)";
            case FAILED -> "approved, but the order failed: " + o.reason();
            case REFUSED -> "refused: " + o.reason();
        };
    }

    /** Exit code: 0 when the command did what was asked, 1 otherwise (expired, already decided, ...). */
    static int report(long id, ApprovalOutcome o, boolean approving) {
        System.out.println("intent " + id + ": " + describe(o));
        boolean ok = approving ? (o.kind() == ApprovalOutcome.Kind.SUBMITTED || o.kind() == ApprovalOutcome.Kind.FILLED
                || o.kind() == ApprovalOutcome.Kind.UNCONFIRMED)
                : o.kind() == ApprovalOutcome.Kind.REJECTED;
        return ok ? 0 : 1;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a pending trade intent from the shell (the same checks as a Telegram press: expiry, price drift, once only).")
    static final class Approve implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "Intent id (see `autotrader intents`).")
        long id;

        @Override
        public Integer call() {
            AppContext ctx = AppContext.from(config);
            return report(id, service(ctx).approve(id, "shell:" + System.getProperty("user.name", "?")), true);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending trade intent from the shell.")
    static final class Reject implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            AppContext ctx = AppContext.from(config);
            return report(id, service(ctx).reject(id, "shell:" + System.getProperty("user.name", "?")), false);
        }
    }

    @Command(name = "intents", mixinStandardHelpOptions = true, description = "List recent trade intents and what became of them.")
    static final class Intents implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @picocli.CommandLine.Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Intents to show, newest first (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            AppContext ctx = AppContext.from(config);
            var recent = service(ctx).recent(limit);
            if (ctx.config().market.source == AppConfig.Source.SIM) System.out.println("intents  *** SIMULATED market ***");
            if (recent.isEmpty()) {
                System.out.println("no intents yet");
                return 0;
            }
            System.out.printf("%5s  %-8s %-4s %6s %9s %9s %9s %5s %4s  %-9s %s%n", "id", "symbol", "side", "qty", "entry", "stop", "target",
                    "conf", "risk", "status", "outcome / expires");
            for (StoredIntent s : recent) {
                PendingIntent p = s.intent();
                System.out.printf("%5d  %-8s %-4s %6d %9.2f %9.2f %9.2f %5.2f %4d  %-9s %s%n", p.intentId(), p.symbol(), p.side(),
                        p.quantity(), p.entryPrice(), p.stopLoss(), p.takeProfit(), p.confidence(), p.riskScore(), s.status(),
                        (s.outcome() != null ? s.outcome() + (s.outcomeDetail() == null ? "" : ": " + s.outcomeDetail())
                                : "expires " + ScanReport.when(p.expiresAt()))
                                + (p.holdingLimit() == null ? "" : "; " + p.holdingLimit()));
            }
            return 0;
        }
    }
}
