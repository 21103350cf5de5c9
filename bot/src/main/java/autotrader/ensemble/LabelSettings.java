package autotrader.ensemble;

import autotrader.config.AppConfig;

/**
 * Parameters of {@link TradeLabeler}; see config.yaml's {@code ensemble.labels} and docs/ensemble.md.
 *
 * @param horizonBars   bars the trade may stay open; it leaves at the close of bar t + horizonBars at the latest
 * @param kStop         stop distance from the entry in sigmas
 * @param kTarget       target distance from the entry in sigmas
 * @param minEdge       net return (fraction) a side must beat to be BUY or SELL
 * @param commissionBps commission per leg in basis points
 * @param slippageBps   slippage per leg in basis points
 * @param volLookback   one-bar log returns (ending at bar t) behind sigma
 */
public record LabelSettings(int horizonBars, double kStop, double kTarget, double minEdge,
                            double commissionBps, double slippageBps, int volLookback) {

    public LabelSettings {
        if (horizonBars < 1) throw new IllegalArgumentException("horizonBars must be at least 1");
        if (!(kStop > 0) || !(kTarget > 0)) throw new IllegalArgumentException("kStop and kTarget must be > 0");
        if (!(minEdge >= 0)) throw new IllegalArgumentException("minEdge must be >= 0");
        if (!(commissionBps >= 0) || !(slippageBps >= 0)) throw new IllegalArgumentException("costs must be >= 0");
        if (volLookback < 2) throw new IllegalArgumentException("volLookback must be at least 2");
    }

    public static LabelSettings from(AppConfig.Labels c) {
        return new LabelSettings(c.horizonBars, c.kStop, c.kTarget, c.minEdge, c.commissionBps, c.slippageBps, c.volLookback);
    }

    public static LabelSettings defaults() {
        return from(new AppConfig.Labels());
    }

    /** Cost of one leg as a fraction of the traded value. */
    public double costPerLeg() {
        return (commissionBps + slippageBps) / 10_000.0;
    }
}
