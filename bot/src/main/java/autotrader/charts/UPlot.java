package autotrader.charts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The uPlot charting library from its WebJar (org.webjars.npm:uplot, see bot/pom.xml): the report
 * inlines these files, the desk serves the same ones under {@link #WEB_PATH}. The version is named
 * once here; a WebJar of another version fails {@link #read} at once instead of charting nothing.
 */
public final class UPlot {

    public static final String VERSION = "1.6.30";
    /** Where the desk serves the library (Javalin's WebJar route, /webjars/NAME/VERSION/...). */
    public static final String WEB_PATH = "/webjars/uplot/" + VERSION + "/dist/";
    public static final String JS = "uPlot.iife.min.js", CSS = "uPlot.min.css";
    private static final String RESOURCES = "META-INF/resources/webjars/uplot/" + VERSION + "/dist/";

    private UPlot() {
    }

    public static String js() {
        return read(JS);
    }

    public static String css() {
        return read(CSS);
    }

    static String read(String file) {
        try (InputStream in = UPlot.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
            if (in == null) throw new IllegalStateException("uPlot " + VERSION + " is not on the classpath (" + RESOURCES + file
                    + "): the org.webjars.npm:uplot dependency in bot/pom.xml must be version " + VERSION);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCES + file, e);
        }
    }
}
