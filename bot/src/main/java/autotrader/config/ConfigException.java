package autotrader.config;

/** A configuration problem that must stop start-up (exit code 2). The message names the file and key, never a secret's value. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
