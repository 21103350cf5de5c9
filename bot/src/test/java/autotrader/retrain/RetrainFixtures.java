package autotrader.retrain;

import autotrader.ensemble.Decision;
import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.SyntheticEnsembleData;

import autotrader.market.MarketCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A retrain's rows without the market: the synthetic problem with a known signal, cut into training
 * rows (labels ending before the held-out start) and held-out rows (labels ending by asOf), and small
 * ensembles trained on it, one that learns the signal and one that cannot (shuffled labels).
 */
final class RetrainFixtures {

    static final EnsembleSettings SMALL = EnsembleSettings.defaults().small().withFolds(2, 1);
    static final RetrainData DATA = data();

    private RetrainFixtures() {
    }

    private static RetrainData data() {
        EnsembleDataset all = SyntheticEnsembleData.generate(720, 8, 6, 2, 0.5, 11);
        Instant holdoutStart = all.decisionTime(all.rows() * 3 / 4);
        Instant asOf = all.decisionTime(all.rows() - 1).plusSeconds(3600);
        int[] train = IntStream.range(0, all.rows()).filter(i -> all.labelEnd(i).isBefore(holdoutStart)).toArray();
        int[] held = IntStream.range(0, all.rows())
                .filter(i -> !all.decisionTime(i).isBefore(holdoutStart) && !all.labelEnd(i).isAfter(asOf)).toArray();
        var cal = MarketCalendar.nyse();
        RetrainWindow w = new RetrainWindow(asOf, cal.dateAt(all.decisionTime(0)), cal.dateAt(all.decisionTime(train[train.length - 1])),
                cal.dateAt(holdoutStart), cal.dateAt(asOf), holdoutStart, List.of(), List.of());
        return RetrainData.of(w, all.subset(train), all.subset(held));
    }

    /** Learns the synthetic signal. */
    static EnsembleTrainer.Result good(EnsembleDataset rows) {
        return EnsembleTrainer.train(rows, SMALL, s -> { });
    }

    /** The same rows with their labels shuffled: it can only learn noise. */
    static EnsembleTrainer.Result crippled(EnsembleDataset rows) {
        Decision[] labels = new Decision[rows.rows()];
        for (int i = 0; i < labels.length; i++) labels[i] = rows.label(i);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Decision t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        EnsembleDataset.Builder b = EnsembleDataset.builder(rows.columns());
        for (int i = 0; i < labels.length; i++) b.add(rows.symbol(i), rows.decisionTime(i), rows.labelEnd(i), rows.inputs(i), labels[i]);
        return EnsembleTrainer.train(b.build(), SMALL, s -> { });
    }

    static void install(EnsembleTrainer.Result r, Path dir) throws IOException {
        EnsembleStore.save(r.ensemble(), r.card(), dir);
        r.ensemble().close();
    }

    /** Every file of a folder with its bytes. */
    static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.toList()) out.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        return out;
    }
}
