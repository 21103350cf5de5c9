package autotrader.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential named in config.yaml only by reference: {@code ${ENV_VAR}} or {@code ${file:PATH}}
 * (a file readable by its owner only). The value is resolved at start-up and never printed:
 * {@link #toString()} masks it, and Jackson writes back only the reference.
 */
public final class Secret {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(file:)?([^}]+)}");
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String reference;
    private String value;

    @JsonCreator
    public Secret(String reference) {
        this.reference = reference == null ? "" : reference.trim();
    }

    public static Secret none() {
        return new Secret("");
    }

    @JsonValue
    public String reference() {
        return reference;
    }

    public boolean isConfigured() {
        return !reference.isEmpty();
    }

    /** The resolved value, or null when the reference is empty or could not be resolved. */
    public String value() {
        return value;
    }

    public boolean isResolved() {
        return value != null && !value.isEmpty();
    }

    /**
     * Resolves the reference. Returns null on success, or a problem description that names the
     * variable or file but never the secret itself.
     */
    String resolve(Map<String, String> env) {
        value = null;
        if (reference.isEmpty()) return null;
        Matcher m = REFERENCE.matcher(reference);
        if (!m.matches()) {
            return "must be a ${ENV_VAR} or ${file:PATH} reference; a secret written into the config file is refused";
        }
        if (m.group(1) == null) {
            String v = env.get(m.group(2));
            if (v == null || v.isBlank()) return "environment variable " + m.group(2) + " is not set";
            value = v.trim();
            return null;
        }
        Path file = Path.of(m.group(2));
        if (!Files.isRegularFile(file)) return "secret file " + file + " does not exist";
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.retainAll(NOT_OWNER);
            if (!perms.isEmpty()) return "secret file " + file + " must be readable by its owner only (chmod 600), it has " + perms;
            value = Files.readString(file).trim();
        } catch (UnsupportedOperationException e) {
            return "secret file " + file + " is on a file system without owner-only permissions";
        } catch (IOException e) {
            return "secret file " + file + " cannot be read: " + e.getMessage();
        }
        return value.isEmpty() ? "secret file " + file + " is empty" : null;
    }

    @Override
    public String toString() {
        return isResolved() ? "****" : "(unset)";
    }
}
