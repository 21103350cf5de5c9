package autotrader.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The *.drl files of a rules folder read once into memory, so the text that is hashed is exactly the
 * text that is compiled even if an editor writes the file again in between.
 */
public record RuleSource(Path dir, Map<String, byte[]> files) {

    public static RuleSource read(Path dir) {
        if (!Files.isDirectory(dir)) throw new UncheckedIOException(new IOException("rules folder " + dir + " does not exist"));
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> drl = new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p)).toList());
            drl.sort(null);
            for (Path p : drl) contents.put(p.getFileName().toString(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + dir + ": " + e.getMessage(), e);
        }
        return new RuleSource(dir, contents);
    }

    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
