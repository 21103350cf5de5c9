package autotrader.ensemble;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Java serialization for the smile-based models (smile 3.x has no other format). Only ever read files
 * this program wrote into its own models folder: deserialising untrusted files is unsafe.
 */
final class Serialized {

    private Serialized() {
    }

    static void write(Path file, Serializable value) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(value);
        }
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             ObjectInputStream o = new ObjectInputStream(in)) {
            return type.cast(o.readObject());
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(file + ": not a saved " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
