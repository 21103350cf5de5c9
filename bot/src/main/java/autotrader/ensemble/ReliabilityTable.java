package autotrader.ensemble;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of the confidence (the probability of the predicted class): rows are put in equal-width
 * bins of confidence, and each bin compares its mean confidence with how often the prediction was right.
 * A calibrated model has meanConfidence close to accuracy in every populated bin.
 *
 * @param bins                     equal-width bins over [0, 1]; bin b is [b/n, (b+1)/n), the last one includes 1
 * @param expectedCalibrationError sum over bins of count/total x |accuracy - meanConfidence|
 */
public record ReliabilityTable(List<Bin> bins, double expectedCalibrationError) {

    /** Empty bins have NaN mean confidence and accuracy. */
    public record Bin(double lower, double upper, int count, double meanConfidence, double accuracy) {}

    public static ReliabilityTable of(double[][] p, int[] y, int binCount) {
        int[] count = new int[binCount];
        double[] confidence = new double[binCount];
        int[] correct = new int[binCount];
        for (int i = 0; i < y.length; i++) {
            Decision d = Decision.argmax(p[i]);
            double c = p[i][d.index()];
            int b = Math.min(binCount - 1, (int) Math.floor(c * binCount));
            count[b]++;
            confidence[b] += c;
            if (d.index() == y[i]) correct[b]++;
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            double meanConfidence = count[b] == 0 ? Double.NaN : confidence[b] / count[b];
            double accuracy = count[b] == 0 ? Double.NaN : (double) correct[b] / count[b];
            if (count[b] > 0) ece += (double) count[b] / y.length * Math.abs(accuracy - meanConfidence);
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], meanConfidence, accuracy));
        }
        return new ReliabilityTable(bins, y.length == 0 ? Double.NaN : ece);
    }
}
