package autotrader.ensemble;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Rows of named double inputs (NaN = missing), each with a label and the times purging needs: the
 * decision time t (the inputs use nothing later) and the label end (when the trade that defines the
 * label is over), and the long trade's realised net return behind the label (NaN when the row was
 * built without it), which the skill measure ranks against. Immutable; the arrays handed out are shared, so callers must not write into them.
 */
public final class EnsembleDataset {

    private final List<String> columns;
    private final double[][] inputs;
    private final Decision[] labels;
    private final String[] symbols;
    private final Instant[] decisionTimes;
    private final Instant[] labelEnds;
    private final double[] realisedReturns;
    private final double[] sigmas;
    private final Decision[] tradeLabels;

    private EnsembleDataset(List<String> columns, double[][] inputs, Decision[] labels, String[] symbols,
                            Instant[] decisionTimes, Instant[] labelEnds, double[] realisedReturns, double[] sigmas,
                            Decision[] tradeLabels) {
        this.columns = columns;
        this.inputs = inputs;
        this.labels = labels;
        this.symbols = symbols;
        this.decisionTimes = decisionTimes;
        this.labelEnds = labelEnds;
        this.realisedReturns = realisedReturns;
        this.sigmas = sigmas;
        this.tradeLabels = tradeLabels;
    }

    public static Builder builder(List<String> columns) {
        return new Builder(columns);
    }

    public List<String> columns() {
        return columns;
    }

    public int rows() {
        return inputs.length;
    }

    public double[] inputs(int row) {
        return inputs[row];
    }

    /** All inputs, rows x columns (shared, not copied). */
    public double[][] inputMatrix() {
        return inputs;
    }

    public Decision label(int row) {
        return labels[row];
    }

    public int[] labelIndices() {
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) y[i] = labels[i].index();
        return y;
    }

    public String symbol(int row) {
        return symbols[row];
    }

    public Instant decisionTime(int row) {
        return decisionTimes[row];
    }

    public Instant labelEnd(int row) {
        return labelEnds[row];
    }

    /** The long trade's net return after costs (fraction) behind row's label; NaN when unknown. */
    public double realisedReturn(int row) {
        return realisedReturns[row];
    }

    public double[] realisedReturns() {
        return realisedReturns.clone();
    }

    /** The labeler's sigma (per-bar volatility behind the trade's stop and target) of row; NaN when unknown. */
    public double sigma(int row) {
        return sigmas[row];
    }

    /**
     * The trade label of row: what {@link TradeLabeler} said (BUY = the long trade beat min_edge after costs).
     * Equal to {@link #label} unless the rows were relabelled ({@link #withLabels}, e.g. {@link RelativeLabel});
     * the BUY calibration and the skill's "won" are judged on it, so confidence keeps its meaning.
     */
    public Decision tradeLabel(int row) {
        return tradeLabels[row];
    }

    /** The same rows with other training labels; the trade labels, returns and sigmas stay. */
    public EnsembleDataset withLabels(Decision[] newLabels) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException("newLabels has " + newLabels.length + " rows, the dataset has " + labels.length);
        }
        for (int i = 0; i < newLabels.length; i++) Objects.requireNonNull(newLabels[i], "newLabels[" + i + "]");
        return new EnsembleDataset(columns, inputs, newLabels.clone(), symbols, decisionTimes, labelEnds, realisedReturns, sigmas, tradeLabels);
    }

    public Instant[] decisionTimes() {
        return decisionTimes.clone();
    }

    public Instant[] labelEnds() {
        return labelEnds.clone();
    }

    /** Rows per class, in {@link Decision} order. */
    public int[] classCounts() {
        int[] counts = new int[Decision.COUNT];
        for (Decision d : labels) counts[d.index()]++;
        return counts;
    }

    /** Throws {@link ColumnMismatchException} unless this dataset has exactly these columns in this order. */
    public void requireColumns(List<String> expected) {
        ColumnMismatchException.require(expected, columns);
    }

    /** The given rows, in the given order. */
    public EnsembleDataset subset(int[] rows) {
        double[][] x = new double[rows.length][];
        Decision[] y = new Decision[rows.length];
        String[] s = new String[rows.length];
        Instant[] t = new Instant[rows.length];
        Instant[] e = new Instant[rows.length];
        double[] r = new double[rows.length];
        double[] sg = new double[rows.length];
        Decision[] tl = new Decision[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            x[i] = inputs[row];
            y[i] = labels[row];
            s[i] = symbols[row];
            t[i] = decisionTimes[row];
            e[i] = labelEnds[row];
            r[i] = realisedReturns[row];
            sg[i] = sigmas[row];
            tl[i] = tradeLabels[row];
        }
        return new EnsembleDataset(columns, x, y, s, t, e, r, sg, tl);
    }

    /** The rows ordered by decision time, then symbol (a stable order, so training is reproducible). */
    public EnsembleDataset sortedByTime() {
        Integer[] order = new Integer[rows()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer, Instant>comparing(i -> decisionTimes[i]).thenComparing(i -> symbols[i]));
        return subset(Arrays.stream(order).mapToInt(Integer::intValue).toArray());
    }

    public static final class Builder {
        private final List<String> columns;
        private final List<double[]> inputs = new ArrayList<>();
        private final List<Decision> labels = new ArrayList<>();
        private final List<String> symbols = new ArrayList<>();
        private final List<Instant> times = new ArrayList<>();
        private final List<Instant> ends = new ArrayList<>();
        private final List<Double> realised = new ArrayList<>();
        private final List<Double> sigmas = new ArrayList<>();

        private Builder(List<String> columns) {
            this.columns = List.copyOf(columns);
            if (new HashSet<>(this.columns).size() != this.columns.size()) {
                throw new IllegalArgumentException("column names must be unique");
            }
        }

        /** Adds one row whose realised return is unknown (NaN); see the other {@code add}. */
        public Builder add(String symbol, Instant decisionTime, Instant labelEnd, double[] rowInputs, Decision label) {
            return add(symbol, decisionTime, labelEnd, rowInputs, label, Double.NaN);
        }

        /**
         * Adds one row. {@code labelEnd} is when the trade behind the label is over; it may not be before
         * {@code decisionTime}. {@code realisedReturn} is the long trade's net return (NaN when unknown).
         * The inputs array is copied.
         */
        public Builder add(String symbol, Instant decisionTime, Instant labelEnd, double[] rowInputs, Decision label,
                           double realisedReturn) {
            return add(symbol, decisionTime, labelEnd, rowInputs, label, realisedReturn, Double.NaN);
        }

        /** As the six-argument {@code add}, with the labeler's sigma behind the trade (NaN when unknown). */
        public Builder add(String symbol, Instant decisionTime, Instant labelEnd, double[] rowInputs, Decision label,
                           double realisedReturn, double sigma) {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(decisionTime, "decisionTime");
            Objects.requireNonNull(labelEnd, "labelEnd");
            Objects.requireNonNull(label, "label");
            if (rowInputs.length != columns.size()) {
                throw new IllegalArgumentException("row has " + rowInputs.length + " inputs, the dataset has " + columns.size() + " columns");
            }
            if (labelEnd.isBefore(decisionTime)) {
                throw new IllegalArgumentException("label end " + labelEnd + " is before the decision time " + decisionTime);
            }
            inputs.add(rowInputs.clone());
            labels.add(label);
            symbols.add(symbol);
            times.add(decisionTime);
            ends.add(labelEnd);
            realised.add(realisedReturn);
            sigmas.add(sigma);
            return this;
        }

        public int rows() {
            return inputs.size();
        }

        public EnsembleDataset build() {
            Decision[] y = labels.toArray(Decision[]::new);
            return new EnsembleDataset(columns, inputs.toArray(double[][]::new), y,
                    symbols.toArray(String[]::new), times.toArray(Instant[]::new), ends.toArray(Instant[]::new),
                    realised.stream().mapToDouble(Double::doubleValue).toArray(), sigmas.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.clone());
        }
    }
}
