package autotrader.app;

import autotrader.orders.ControlFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true, description = "Allow new entries again after `pause` or `flatten`.")
public final class ResumeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        AppContext ctx = AppContext.from(config);
        new ControlFlags(ctx.store().jdbi(), Clock.systemUTC()).setPaused(false, "shell");
        ctx.store().audit("shell", "resume", null);
        System.out.println("entries allowed");
        return 0;
    }
}
