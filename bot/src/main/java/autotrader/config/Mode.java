package autotrader.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** Paper trades against the built-in paper broker (the default); live sends orders to Schwab. */
public enum Mode {
    PAPER, LIVE;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
