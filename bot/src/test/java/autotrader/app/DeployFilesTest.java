package autotrader.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service files' key lines agree with the build and the daemon: the jar they start is the one
 * the pom makes, with its lib/ beside it, SIGTERM is the stop, exit 2 is not restarted, the state is
 * a volume and nothing is downloaded from outside Debian and Maven Central.
 */
class DeployFilesTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theSystemdUnitStartsTheBuiltJarWithTheRequiredSettingsAndStopsItWithSigterm() throws IOException {
        List<String> unit = Files.readAllLines(ROOT.resolve("deploy/autotrader.service"));
        String exec = only(unit, "ExecStart=");
        assertTrue(exec.startsWith("/usr/bin/java -Xmx1g -XX:+UseSerialGC "), exec);
        assertTrue(exec.contains(" -jar /opt/autotrader/bot/target/" + jarName() + " run --config /opt/autotrader/config.yaml"), exec);
        assertEquals("/opt/autotrader", only(unit, "WorkingDirectory="));
        assertEquals("OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1", only(unit, "Environment="));
        assertEquals("SIGTERM", only(unit, "KillSignal="));
        assertEquals("on-failure", only(unit, "Restart="), "run exits 0 after SIGTERM: a clean stop is not restarted");
        assertEquals("2", only(unit, "RestartPreventExitStatus="), "a bad config is not retried");
        assertTrue(only(unit, "TimeoutStopSec=").matches("\\d+min"), "long enough for a running retrain");
        assertEquals("/etc/autotrader/secrets.env", only(unit, "EnvironmentFile="));
        assertEquals("autotrader", only(unit, "User="));
        assertTrue(only(unit, "ReadWritePaths=").contains("/opt/autotrader/state"));
    }

    @Test
    void theDockerImageRunsTheBuiltJarFromDebianOnlyWithTheStateAsAVolume() throws IOException {
        List<String> docker = Files.readAllLines(ROOT.resolve("Dockerfile"));
        List<String> from = docker.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(List.of("FROM debian:bookworm-slim AS build", "FROM debian:bookworm-slim"), from, "multi-stage, Debian only");
        assertTrue(docker.stream().noneMatch(l -> !l.startsWith("#") && l.matches(".*\\b(curl|wget|ADD|git clone)\\b.*")),
                "no download but apt and Maven");
        String jar = "/app/bot/target/" + jarName();
        assertTrue(docker.contains("COPY --from=build /src/bot/target/" + jarName() + " " + jar), "the jar the build made");
        assertTrue(docker.contains("COPY --from=build /src/bot/target/lib/ /app/bot/target/lib/"), "its manifest's lib/ beside it");
        assertEquals("[\"java\", \"-Xmx1g\", \"-XX:+UseSerialGC\", \"-Dautotrader.log.dir=/app/logs\", \"-jar\", \"" + jar + "\"]", only(docker, "ENTRYPOINT "));
        assertEquals("[\"/app/state\"]", only(docker, "VOLUME "));
        assertEquals("SIGTERM", only(docker, "STOPSIGNAL "));
        assertEquals("OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1", only(docker, "ENV "));
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("*", "!pom.xml", "!bot/pom.xml", "!bot/src/main/"), ignore, "no state, secrets or build output in the context");
    }

    /** The jar name the build makes: bot/pom.xml's finalName, and lib/ as its manifest class path. */
    private static String jarName() throws IOException {
        String pom = Files.readString(ROOT.resolve("bot/pom.xml"));
        assertTrue(pom.contains("<classpathPrefix>lib/</classpathPrefix>"), "the jar finds its dependencies in lib/");
        Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertTrue(m.find());
        return m.group(1) + ".jar";
    }

    /** The value of the one line starting with the key. */
    private static String only(List<String> lines, String key) {
        List<String> values = lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim()).toList();
        assertEquals(1, values.size(), key + " lines: " + values);
        return values.get(0);
    }
}
