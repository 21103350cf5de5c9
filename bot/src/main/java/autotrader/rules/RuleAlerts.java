package autotrader.rules;

/**
 * Where the engine reports a rules file it refused (the Telegram notifier will implement this). The
 * text names the file, the line and Drools' message.
 */
@FunctionalInterface
public interface RuleAlerts {
    void alert(String message);

    RuleAlerts NONE = message -> { };
}
