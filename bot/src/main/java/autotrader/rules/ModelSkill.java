package autotrader.rules;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.ModelCard;

import autotrader.ensemble.SkillRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The decision model's out-of-sample record as the rules see it: one fact per evaluation, made from
 * the model card's {@code skill} once per model load (never per cycle). {@code known} is false when
 * the card has no skill record (cards written before it existed, or no card at all); the numbers are
 * then NaN, so a comparison with them is false and the gate in filter.drl refuses on "not known" or
 * "not at least the floor", never on "below the floor" alone.
 */
public class ModelSkill {
    private final String model;
    private final boolean known;
    private final double ic;
    private final double icT;
    private final int rows;
    private final int decisionTimes;
    private final int trades;
    /** Mean net return of the BUY calls in the measured period; NaN when unknown or there were none. */
    private final double buyMeanReturn;
    private final String source;
    private final Instant from;
    private final Instant to;
    /** The card's full record (buckets for the evidence beside a trade); null when unknown. */
    private final SkillRecord record;
    /** Why the skill is unknown when there is no card at all (null otherwise). */
    private final String cardProblem;

    private ModelSkill(String model, SkillRecord r, String cardProblem) {
        this.model = model == null || model.isBlank() ? "(unnamed model)" : model;
        this.record = r;
        this.known = r != null;
        this.ic = r == null ? Double.NaN : nan(r.ic());
        this.icT = r == null ? Double.NaN : nan(r.icT());
        this.rows = r == null ? 0 : r.rows();
        this.decisionTimes = r == null ? 0 : r.decisionTimes();
        this.trades = r == null ? 0 : r.buyTrades();
        this.buyMeanReturn = r == null || r.buyTrades() == 0 ? Double.NaN : nan(r.buyMeanReturn());
        this.source = r == null || r.source() == null ? "" : r.source();
        this.from = r == null ? null : r.from();
        this.to = r == null ? null : r.to();
        this.cardProblem = cardProblem;
    }

    /** The record of model {@code model} (its folder as the trader names it); {@code record} null means none was measured. */
    public static ModelSkill of(String model, SkillRecord record) {
        return new ModelSkill(model, record, null);
    }

    /** A model whose skill nobody measured. */
    public static ModelSkill unknown(String model) {
        return new ModelSkill(model, null, null);
    }

    /** A model whose card this caller did not read (it passed no skill): unknown, and the reason says so. */
    public static ModelSkill unread(String model) {
        return new ModelSkill(model, null, "its card was not read on this path: no skill was passed to the trading loop");
    }

    /**
     * Reads the card in {@code modelDir} ({@code model_card.json}); {@code name} is how the model is
     * named in reasons (the configured folder, e.g. "models/ensemble"). A missing or unreadable card
     * is an unknown skill that says why: the gate then refuses, which is the safe side.
     */
    public static ModelSkill read(Path modelDir, String name) {
        Path card = modelDir.resolve("model_card.json");
        if (!Files.isRegularFile(card)) return new ModelSkill(name, null, "no model card in " + modelDir);
        try {
            ModelCard c = EnsembleStore.readCard(modelDir);
            return of(name, c.skill());
        } catch (IOException | RuntimeException e) {
            return new ModelSkill(name, null, "its card " + card + " cannot be read: " + e.getMessage());
        }
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** The model folder as configured (or the backtest's description of it). */
    public String getModel() { return model; }
    /** False when the card has no skill record. */
    public boolean isKnown() { return known; }
    /** Mean out-of-sample rank IC; NaN when unknown. */
    public double getIc() { return ic; }
    /** Newey-West t-statistic of that IC; NaN when unknown or not computable. */
    public double getIcT() { return icT; }
    /** Whether the t-statistic is a number (false when unknown, or too few decision times to compute it). */
    public boolean isIcTMeasured() { return Double.isFinite(icT); }
    /** Scored candidate rows measured. */
    public int getRows() { return rows; }
    /** Decision times measured (the IC's sample size). */
    public int getDecisionTimes() { return decisionTimes; }
    /** Rows the model called BUY in the measured period. */
    public int getTrades() { return trades; }
    /** Mean net return (a fraction, after costs) of the model's BUY calls in the measured period; NaN when unknown or none. */
    public double getBuyMeanReturn() { return buyMeanReturn; }
    /** Whether that mean is a number (false without BUY calls or without a record). */
    public boolean isBuyReturnMeasured() { return Double.isFinite(buyMeanReturn); }
    /** The BUY calls' mean as the reasons print it: "-0.081 %", or "not measured". */
    public String getBuyMeanReturnText() {
        return isBuyReturnMeasured() ? String.format(Locale.ROOT, "%+.3f %%", 100 * buyMeanReturn) : "not measured";
    }
    /** What the measured rows were, e.g. "held-out 2024-10-07..2024-10-15 (sim, SIMULATED)"; "" when unknown. */
    public String getSource() { return source; }
    public Instant getFrom() { return from; }
    public Instant getTo() { return to; }

    /** The card's record, for the per-confidence evidence; null when unknown. */
    public SkillRecord record() { return record; }

    /** The IC t as the reasons print it: "1.40", or "not computable". */
    public String getIcTText() {
        return isIcTMeasured() ? String.format(Locale.ROOT, "%.2f", icT) : "not computable";
    }

    /**
     * What the record rests on, for a reason: "IC 0.011, held-out 2015-06-16..2016-01-13, 7,350 rows";
     * for an unknown skill, why there is none.
     */
    public String getEvidence() {
        if (!known) return cardProblem != null ? cardProblem : "its card has no skill record";
        StringBuilder b = new StringBuilder();
        b.append("IC ").append(Double.isFinite(ic) ? String.format(Locale.ROOT, "%.3f", ic) : "not computable");
        String period = from != null && to != null ? day(from) + ".." + day(to) : null;
        if (!source.isEmpty()) b.append(", ").append(source);
        else if (period != null) b.append(", ").append(period);
        b.append(", ").append(String.format(Locale.ROOT, "%,d rows", rows));
        if (decisionTimes > 0) b.append(String.format(Locale.ROOT, " at %,d decision times", decisionTimes));
        return b.toString();
    }

    private static String day(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /**
     * The record beside a BUY at {@code confidence}: how such calls did out of sample, e.g. "such trades
     * won 58 % of 412 out of sample, mean +0.21 % after costs", from the bucket that confidence falls in.
     */
    public String evidence(double confidence) {
        SkillRecord.Bucket b = record == null ? null : record.bucketOf(confidence);
        if (b == null || b.trades() <= 0) return "no out-of-sample record for this confidence";
        String won = b.winRate() == null ? "won ? %" : String.format(Locale.ROOT, "won %.0f %%", b.winRate() * 100);
        String mean = b.meanReturn() == null ? "" : String.format(Locale.ROOT, ", mean %+.2f %% after costs", b.meanReturn() * 100);
        return String.format(Locale.ROOT, "such trades (confidence %.2f-%.2f) %s of %,d out of sample%s", b.lower(), b.upper(), won,
                b.trades(), mean);
    }

    @Override
    public String toString() {
        return "ModelSkill[" + model + (known ? " IC t " + getIcTText() + ", " + getEvidence() : " unknown") + "]";
    }
}
