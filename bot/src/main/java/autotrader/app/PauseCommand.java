package autotrader.app;

import autotrader.orders.ControlFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Stop new entries (kept in SQLite across restarts). Exits, stops and take-profits still work.")
public final class PauseCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        AppContext ctx = AppContext.from(config);
        new ControlFlags(ctx.store().jdbi(), Clock.systemUTC()).setPaused(true, "shell");
        ctx.store().audit("shell", "pause", null);
        System.out.println("entries paused (autotrader resume to allow them again)");
        return 0;
    }
}
