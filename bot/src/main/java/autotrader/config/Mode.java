package autotrader.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** Paper trades against the built-in paper broker (the default); live sends orders to Schwab. */
public enum Mode {
    PAPER, LIVE;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }

    /**
     * How the desk and Telegram name the mode: paper on a recorded or live market (csv, store,
     * Schwab) is "PAPER with REAL PRICES", so that no one takes its fills for the simulator's, nor for
     * real orders.
     */
    public String shown(boolean simulatedPrices) {
        return this == LIVE ? "LIVE" : simulatedPrices ? "PAPER" : "PAPER with REAL PRICES";
    }
}
