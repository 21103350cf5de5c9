package autotrader.ensemble;

import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.LongStream;

/** Smile random forest (Gini, sqrt(p) columns per split) on mean-imputed inputs; smile's CART has no missing-value handling. */
final class RandomForestModel implements BaseModel, Serializable {

    private static final long serialVersionUID = 1L;
    private static final String LABEL = "label__";

    private final InputScaler scaler;
    private final String[] names;
    private final RandomForest forest;

    private RandomForestModel(InputScaler scaler, String[] names, RandomForest forest) {
        this.scaler = scaler;
        this.names = names;
        this.forest = forest;
    }

    static RandomForestModel fit(double[][] x, int[] y, EnsembleSettings s, long seed) {
        InputScaler scaler = InputScaler.fit(x);
        int p = scaler.columns();
        // Positional names: real column names may contain characters smile's formulas treat specially.
        String[] names = new String[p];
        for (int j = 0; j < p; j++) names[j] = "x" + j;
        DataFrame df = DataFrame.of(scaler.impute(x), names).merge(IntVector.of(LABEL, y));
        int mtry = Math.max(1, (int) Math.floor(Math.sqrt(p)));
        int maxNodes = Math.max(2, x.length / s.rfMinNodeSize()); // depth and node size bound the tree, not this
        // One seed per tree, each a distinct int in [0, 2^31): with arbitrary (e.g. negative) longs, smile's per-tree
        // generators gave a different forest on every fit (measured), with these the forests repeat exactly.
        long[] seeds = new Random(seed).ints(0, Integer.MAX_VALUE).distinct().limit(s.rfTrees()).asLongStream().toArray();
        RandomForest forest = RandomForest.fit(Formula.lhs(LABEL), df, s.rfTrees(), mtry, SplitRule.GINI,
                s.rfMaxDepth(), maxNodes, s.rfMinNodeSize(), 1.0, null, LongStream.of(seeds));
        return new RandomForestModel(scaler, names, forest);
    }

    @Override
    public String name() {
        return BaseModelKind.RANDOM_FOREST.modelName();
    }

    @Override
    public double[][] probabilities(double[][] rows) {
        DataFrame df = DataFrame.of(scaler.impute(rows), names);
        double[][] out = new double[rows.length][Decision.COUNT];
        for (int i = 0; i < rows.length; i++) forest.predict(df.get(i), out[i]);
        return out;
    }

    @Override
    public void save(Path dir) throws IOException {
        Serialized.write(dir.resolve(name() + ".ser"), this);
    }
}
