package autotrader.ensemble;

import autotrader.market.MarketCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import java.util.Map;
/**
 * A model's {@link SkillRecord} on rows it never trained on: the score is the meta-learner's P(BUY) (what
 * the model ranks candidates by; calibration is monotone, so it would rank them the same), the trade is
 * the row's realised long net return, and the BUY calls' stated confidence is the one the model serves
 * (calibrated when the model has a {@link BuyCalibrator}).
 */
public final class HeldOutSkill {

    static final String SCORE = "P(BUY)";

    private HeldOutSkill() {
    }

    /** Predicts the rows with the model and measures it; {@code source} says what the rows are. */
    public static SkillRecord of(StackedEnsemble model, EnsembleDataset rows, String source, Double roundTripCost) {
        rows.requireColumns(model.columns());
        return of(model, rows, model.probabilities(rows.inputMatrix()), source, roundTripCost);
    }

    /** As {@link #of(StackedEnsemble, EnsembleDataset, String, Double)} with the meta-learner's probabilities already computed. */
    static SkillRecord of(StackedEnsemble model, EnsembleDataset rows, double[][] stacked, String source, Double roundTripCost) {
        int n = rows.rows();
        double[] scores = new double[n];
        Decision[] decisions = new Decision[n];
        double[] confidences = new double[n];
        boolean[] won = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = stacked[i][Decision.BUY.index()];
            decisions[i] = Decision.argmax(stacked[i]);
            confidences[i] = model.confidence(decisions[i], stacked[i]);
            won[i] = rows.tradeLabel(i) == Decision.BUY;
        }
        String src = model.calibrator() == null ? source + "; confidence not calibrated" : source;
        return SkillMeasure.measure(src, SCORE, new SkillMeasure.Rows(rows.decisionTimes(), symbols(rows), scores,
                rows.realisedReturns(), decisions, confidences, won), roundTripCost,
                SkillMeasure.overlapAwareLag(rows.decisionTimes(), rows.labelEnds()));
    }

    /**
     * One candidate score's ranking skill on the same rows: rank IC, its Newey-West t, the top-minus-bottom
     * quintile, and the rank IC against the trade's return per unit of the label timeframe's volatility
     * (the labeler's own sigma where the rows carry it, else the label timeframe's {@code realized_vol_20} column; NaN
     * without either), with its top-minus-bottom quintile in sigmas (the unit the trades are sized in). The second matters because the labels' stop and target are k sigma wide: a
     * stopped trade loses about k_stop sigma, so across candidates a raw return ranks the volatile ones low
     * whatever their direction, and any score that rises with volatility shows a negative raw IC.
     */
    public record ScoreSkill(String score, double ic, Double icT, double topMinusBottom, double icPerSigma, Double icPerSigmaT,
                             double icHitRate, double topMinusBottomPerSigma) {}

    /**
     * The model's P(BUY) beside other scores of the same rows, each measured exactly as the card's skill:
     * the directional edge P(BUY) - P(SELL) (both sides' barriers scale with the candidate's volatility, so
     * their difference leaves the direction), the scanner's momentum score and its reverse, and the candidates'
 * realised volatility on 5-minute and daily bars (where the rows have it). A diagnostic
     * for choosing the ranking score on held-out data before any test window; the card keeps P(BUY).
     */
    public static List<ScoreSkill> compareScores(StackedEnsemble model, EnsembleDataset rows, Double roundTripCost, String labelTimeframe) {
        rows.requireColumns(model.columns());
        double[][] x = rows.inputMatrix();
        double[][] stacked = model.probabilities(x);
        int n = rows.rows();
        int momentum = rows.columns().indexOf("momentum_score");
        Map<String, double[]> scores = new LinkedHashMap<>();
        double[] buy = new double[n], edge = new double[n], mom = new double[n], rev = new double[n];
        for (int i = 0; i < n; i++) {
            buy[i] = stacked[i][Decision.BUY.index()];
            edge[i] = stacked[i][Decision.BUY.index()] - stacked[i][Decision.SELL.index()];
            mom[i] = momentum < 0 ? Double.NaN : x[i][momentum];
            rev[i] = -mom[i];
        }
        scores.put(SCORE, buy);
        scores.put("P(BUY) - P(SELL)", edge);
        scores.put("scanner momentum score", mom);
        scores.put("minus the momentum score", rev);
        // Realised volatility of the candidates' own bars: how much of a score is "moves a lot" rather than "goes up".
        for (String tf : List.of("5m", "1d")) {
            int c = rows.columns().indexOf(tf + ".realized_vol_20");
            if (c < 0) continue;
            double[] vol = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                vol[i] = x[i][c];
                any |= Double.isFinite(vol[i]);
            }
            if (any) scores.put(tf + " realised volatility", vol);
        }
        Decision[] decisions = new Decision[n];
        double[] confidences = new double[n];
        boolean[] won = new boolean[n];
        for (int i = 0; i < n; i++) {
            decisions[i] = Decision.argmax(stacked[i]);
            confidences[i] = model.confidence(decisions[i], stacked[i]);
            won[i] = rows.tradeLabel(i) == Decision.BUY;
        }
        Integer lag = SkillMeasure.overlapAwareLag(rows.decisionTimes(), rows.labelEnds());
        int sigmaColumn = rows.columns().indexOf(labelTimeframe + ".realized_vol_20");
        double[] perSigma = new double[n];
        boolean anySigma = false;
        for (int i = 0; i < n; i++) {
            double sigma = rows.sigma(i) > 0 ? rows.sigma(i) : sigmaColumn < 0 ? Double.NaN : x[i][sigmaColumn];
            perSigma[i] = sigma > 0 ? rows.realisedReturns()[i] / sigma : Double.NaN;
            anySigma |= Double.isFinite(perSigma[i]);
        }
        List<ScoreSkill> out = new ArrayList<>();
        for (var e : scores.entrySet()) {
            SkillRecord k = SkillMeasure.measure("", e.getKey(), new SkillMeasure.Rows(rows.decisionTimes(), symbols(rows), e.getValue(),
                    rows.realisedReturns(), decisions, confidences, won), roundTripCost, lag);
            double icR = Double.NaN, spreadR = Double.NaN;
            Double icRT = null;
            if (anySigma) {
                SkillRecord r = SkillMeasure.measure("", e.getKey(), new SkillMeasure.Rows(rows.decisionTimes(), symbols(rows), e.getValue(),
                        perSigma, decisions, confidences, won), null, lag);
                icR = r.ic() == null ? Double.NaN : r.ic();
                icRT = r.icT();
                spreadR = r.topMinusBottom() == null ? Double.NaN : r.topMinusBottom();
            }
            out.add(new ScoreSkill(e.getKey(), nan(k.ic()), k.icT(), nan(k.topMinusBottom()), icR, icRT, nan(k.icHitRate()), spreadR));
        }
        return out;
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** The same record with {@code more} appended to its source, e.g. " on sim (SIMULATED, seed 42)". */
    public static SkillRecord withSourceSuffix(SkillRecord k, String more) {
        return new SkillRecord(k.source() + more, k.from(), k.to(), k.decisionTimes(), k.rows(), k.score(), k.ic(), k.icT(),
                k.neweyWestLag(), k.icHitRate(), k.topMinusBottom(), k.roundTripCost(), k.buyTrades(), k.buyWinRate(),
                k.buyMeanReturn(), k.calibrationError(), k.buckets());
    }

    /** "held-out 2024-10-07..2024-10-15, 1,850 rows" (New York dates of the first and last decision time). */
    public static String describe(String what, List<Instant> times) {
        if (times.isEmpty()) return what + ", no rows";
        Instant first = times.stream().min(Instant::compareTo).get();
        Instant last = times.stream().max(Instant::compareTo).get();
        return String.format(Locale.ROOT, "%s %s..%s, %,d rows", what, day(first), day(last), times.size());
    }

    private static LocalDate day(Instant t) {
        return t.atZone(MarketCalendar.NEW_YORK).toLocalDate();
    }

    private static String[] symbols(EnsembleDataset rows) {
        String[] out = new String[rows.rows()];
        for (int i = 0; i < out.length; i++) out[i] = rows.symbol(i);
        return out;
    }
}
