package autotrader.app;

import autotrader.market.Timeframe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Short content hashes of the model files, stored with every decision so it can be traced to the models that made it. */
public final class ModelVersions {

    private ModelVersions() {
    }

    public static String of(AppContext ctx) {
        Path predictors = ctx.loaded().resolve(ctx.config().predict.modelsDir);
        Path ensemble = ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        StringBuilder sb = new StringBuilder("predictors");
        for (Timeframe tf : Timeframe.values()) sb.append(' ').append(tf.label()).append(':').append(hash(List.of(predictors.resolve(tf.label() + ".zip"))));
        try (Stream<Path> files = Files.exists(ensemble) ? Files.list(ensemble) : Stream.empty()) {
            sb.append("; ensemble:").append(hash(files.filter(Files::isRegularFile).sorted().toList()));
        } catch (IOException e) {
            sb.append("; ensemble:unreadable");
        }
        return sb.toString();
    }

    private static String hash(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            boolean any = false;
            for (Path f : files) {
                if (!Files.isRegularFile(f)) continue;
                any = true;
                md.update(f.getFileName().toString().getBytes());
                try (InputStream in = Files.newInputStream(f)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
                }
            }
            return any ? HexFormat.of().formatHex(md.digest()).substring(0, 12) : "missing";
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable";
        }
    }
}
