package autotrader.app;

import autotrader.schwab.SchwabAuth;
import autotrader.schwab.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

@Command(name = "schwab", mixinStandardHelpOptions = true, description = "Schwab account access.",
        subcommands = SchwabCommand.Login.class)
public final class SchwabCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "OAuth login: open the printed URL, log in, paste the address the browser was sent to. Valid 7 days.")
    public static final class Login implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            AppContext ctx = AppContext.from(config);
            SchwabAuth auth = ctx.schwabAuth();
            System.out.println("1. Open this address in a browser and log in to Schwab:");
            System.out.println("   " + auth.authorizeUrl());
            System.out.println("2. Paste the whole address the browser was sent to (it starts with " + ctx.config().schwab.callbackUrl + "),");
            System.out.println("   within 30 seconds: the code in it expires quickly.");
            System.out.print("> ");
            System.out.flush();
            String redirected = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (redirected == null || redirected.isBlank()) throw new BadInputException("no address pasted");
            Tokens t = auth.exchange(redirected);
            System.out.println("logged in; tokens stored in " + ctx.loaded().resolve(ctx.config().schwab.tokenFile) + " (owner-only)");
            System.out.println("the login expires " + t.refreshExpiresAt() + ": log in again before then");
            ctx.store().audit("shell", "schwab-login", "refresh token until " + t.refreshExpiresAt());
            return 0;
        }
    }
}
