package autotrader.ensemble;

import smile.base.svm.KernelMachine;
import smile.math.kernel.Gaussian;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision scores of several Gaussian-kernel machines for a batch of rows, bit for bit what smile's
 * {@code KernelMachine.score} returns, at a fraction of its cost.
 *
 * <p>Why it is faster, and why the numbers do not move: the one-vs-rest machines were fitted on the same
 * rows, so most support vectors are shared (the same {@code double[]} objects, which Java serialisation
 * keeps shared). Each distinct vector's kernel value is computed once per row instead of once per machine,
 * and four rows go through a vector together (one pass over its memory, four independent sums). Every
 * squared distance is still summed feature by feature from the first, as {@code MathEx.squaredDistance}
 * does, the kernel is smile's own {@link Gaussian#k(double)} of its square root, and each machine adds
 * {@code w[i] * k} to its intercept in its own vector order, so every score is the same double.
 */
final class KernelScores {

    private static final int BLOCK = 4;

    private final double[][] vectors;       // the distinct support vectors of all machines
    private final Gaussian[] kernels;       // per machine
    private final int[][] index;            // per machine: its i-th vector's position in vectors
    private final double[][] weights;       // per machine
    private final double[] intercepts;      // per machine
    private final boolean sharedKernel;     // one kernel width for all: one kernel value per vector and row

    private KernelScores(double[][] vectors, Gaussian[] kernels, int[][] index, double[][] weights, double[] intercepts) {
        this.vectors = vectors;
        this.kernels = kernels;
        this.index = index;
        this.weights = weights;
        this.intercepts = intercepts;
        boolean same = true;
        for (Gaussian k : kernels) same &= k.scale() == kernels[0].scale();
        this.sharedKernel = same;
    }

    /** Null when a machine is not a Gaussian kernel machine on double[] rows: the caller keeps smile's path. */
    @SuppressWarnings("unchecked")
    static KernelScores of(List<?> machines) {
        Map<double[], Integer> positions = new IdentityHashMap<>();
        List<double[]> distinct = new ArrayList<>();
        int n = machines.size();
        Gaussian[] kernels = new Gaussian[n];
        int[][] index = new int[n][];
        double[][] weights = new double[n][];
        double[] intercepts = new double[n];
        for (int m = 0; m < n; m++) {
            if (!(machines.get(m) instanceof KernelMachine<?> km) || !(km.kernel() instanceof Gaussian g)) return null;
            Object[] vs = km.vectors();
            index[m] = new int[vs.length];
            for (int i = 0; i < vs.length; i++) {
                if (!(vs[i] instanceof double[] v)) return null;
                Integer at = positions.get(v);
                if (at == null) {
                    at = distinct.size();
                    positions.put(v, at);
                    distinct.add(v);
                }
                index[m][i] = at;
            }
            kernels[m] = g;
            weights[m] = km.weights().clone();
            intercepts[m] = km.intercept();
        }
        return new KernelScores(distinct.toArray(double[][]::new), kernels, index, weights, intercepts);
    }

    int machines() {
        return intercepts.length;
    }

    int distinctVectors() {
        return vectors.length;
    }

    /** scores[r][m]: machine m's decision score for row r. */
    double[][] scores(double[][] rows) {
        int n = machines();
        double[][] out = new double[rows.length][n];
        double[][] k = new double[sharedKernel ? 1 : n][];
        int p = vectors.length > 0 ? vectors[0].length : rows.length > 0 ? rows[0].length : 0;
        for (double[] r : rows) {
            if (r.length != p) throw new IllegalArgumentException("a row has " + r.length + " values, the support vectors " + p);
        }
        for (int from = 0; from < rows.length; from += BLOCK) {
            int to = Math.min(rows.length, from + BLOCK);
            double[][] sq = squaredDistances(rows, from, to);
            for (int r = from; r < to; r++) {
                double[] d = sq[r - from];
                for (int m = 0; m < k.length; m++) k[m] = kernelValues(kernels[m], d);
                for (int m = 0; m < n; m++) {
                    double[] kv = k[sharedKernel ? 0 : m];
                    int[] idx = index[m];
                    double[] w = weights[m];
                    double s = intercepts[m];
                    for (int i = 0; i < idx.length; i++) s += w[i] * kv[idx[i]];
                    out[r][m] = s;
                }
            }
        }
        return out;
    }

    private static double[] kernelValues(Gaussian kernel, double[] squared) {
        double[] kv = new double[squared.length];
        for (int u = 0; u < squared.length; u++) kv[u] = kernel.k(Math.sqrt(squared[u]));
        return kv;
    }

    /** Squared distances of rows from..to-1 (at most four) to every distinct vector, each summed from feature 0 up. */
    private double[][] squaredDistances(double[][] rows, int from, int to) {
        int count = to - from;
        double[][] out = new double[count][vectors.length];
        double[] x0 = rows[from];
        int p = x0.length;   // checked against the vectors once per batch in scores()
        if (count == BLOCK) {
            double[] x1 = rows[from + 1], x2 = rows[from + 2], x3 = rows[from + 3];
            for (int u = 0; u < vectors.length; u++) {
                double[] v = vectors[u];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int j = 0; j < p; j++) {
                    double vj = v[j];
                    double d0 = x0[j] - vj, d1 = x1[j] - vj, d2 = x2[j] - vj, d3 = x3[j] - vj;
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                out[0][u] = s0;
                out[1][u] = s1;
                out[2][u] = s2;
                out[3][u] = s3;
            }
            return out;
        }
        for (int c = 0; c < count; c++) {
            double[] x = rows[from + c];
            for (int u = 0; u < vectors.length; u++) {
                double[] v = vectors[u];
                double s = 0;
                for (int j = 0; j < p; j++) {
                    double d = x[j] - v[j];
                    s += d * d;
                }
                out[c][u] = s;
            }
        }
        return out;
    }
}
