package autotrader.ensemble;

import autotrader.config.AppConfig;

import autotrader.config.LabelKind;
import java.util.Locale;
import java.util.Objects;
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
 * @param label         what the ensemble is trained to predict: the trade's outcome ({@link LabelKind#TRADE}, the default)
 *                      or its per-sigma net return against the decision time's median candidate ({@link LabelKind#RELATIVE},
 *                      see {@link RelativeLabel})
 * @param relativeMargin with {@link LabelKind#RELATIVE}: how far (in sigmas) above or below the median a candidate must be
 *                      to be BUY or SELL; NaN = chosen on the training rows ({@link RelativeLabel#chooseMargin})
 */
public record LabelSettings(int horizonBars, double kStop, double kTarget, double minEdge,
                            double commissionBps, double slippageBps, int volLookback, LabelKind label, double relativeMargin) {

    
    /** Either relative label (net or gross). */
    public boolean relative() {
        return label != LabelKind.TRADE;
    }

    /** The trade label (today's behaviour). */
    public LabelSettings(int horizonBars, double kStop, double kTarget, double minEdge,
                         double commissionBps, double slippageBps, int volLookback) {
        this(horizonBars, kStop, kTarget, minEdge, commissionBps, slippageBps, volLookback, LabelKind.TRADE, Double.NaN);
    }

    public LabelSettings {
        if (horizonBars < 1) throw new IllegalArgumentException("horizonBars must be at least 1");
        if (!(kStop > 0) || !(kTarget > 0)) throw new IllegalArgumentException("kStop and kTarget must be > 0");
        if (!(minEdge >= 0)) throw new IllegalArgumentException("minEdge must be >= 0");
        if (!(commissionBps >= 0) || !(slippageBps >= 0)) throw new IllegalArgumentException("costs must be >= 0");
        if (volLookback < 2) throw new IllegalArgumentException("volLookback must be at least 2");
        Objects.requireNonNull(label, "label");
        if (!Double.isNaN(relativeMargin) && !(relativeMargin > 0 && Double.isFinite(relativeMargin))) {
            throw new IllegalArgumentException("relativeMargin must be > 0 sigmas (or NaN: chosen on the training rows)");
        }
    }

    public static LabelSettings from(AppConfig.Labels c) {
        return new LabelSettings(c.horizonBars, c.kStop, c.kTarget, c.minEdge, c.commissionBps, c.slippageBps, c.volLookback,
                LabelKind.parse(c.label), c.relativeMargin == null ? Double.NaN : c.relativeMargin);
    }

    public static LabelSettings defaults() {
        return from(new AppConfig.Labels());
    }

    /** Cost of one leg as a fraction of the traded value. */
    public double costPerLeg() {
        return (commissionBps + slippageBps) / 10_000.0;
    }
}
