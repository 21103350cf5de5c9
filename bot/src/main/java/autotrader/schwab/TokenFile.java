package autotrader.schwab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The token file: created rw------- from the start (never written first and chmod-ed after), replaced
 * atomically, and refused when group or others may read it.
 */
public final class TokenFile {

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public TokenFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Which write of the file is there now: every write replaces the file, so a new inode, time or size means another write. */
    public record Version(Object fileKey, FileTime modified, long size) {
    }

    /**
     * The file's current {@link Version} from one stat, without reading it (cheap enough for every
     * Schwab call); empty when there is no file. Lets a running daemon see a login another process wrote.
     */
    public Optional<Version> version() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Version(a.fileKey(), a.lastModifiedTime(), a.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SchwabAuthException("token file " + file + " cannot be examined (" + e.getClass().getSimpleName() + ")", 0, false);
        }
    }

    public Optional<Tokens> read() {
        if (!Files.exists(file)) return Optional.empty();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.retainAll(NOT_OWNER);
            if (!perms.isEmpty()) {
                throw new SchwabAuthException("token file " + file + " must be readable by its owner only (chmod 600), it has " + perms, 0, false);
            }
            JsonNode n = JSON.readTree(Files.readString(file));
            return Optional.of(new Tokens(n.path("access_token").asText(), n.path("refresh_token").asText(),
                    Instant.parse(n.path("access_expires_at").asText()), Instant.parse(n.path("refresh_expires_at").asText()),
                    Instant.parse(n.path("logged_in_at").asText())));
        } catch (IOException | RuntimeException e) {
            if (e instanceof SchwabAuthException s) throw s;
            throw new SchwabAuthException("token file " + file + " cannot be read (" + e.getClass().getSimpleName() + "); run `autotrader schwab login`", 0, true);
        }
    }

    public void write(Tokens t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("access_token", t.accessToken());
        n.put("refresh_token", t.refreshToken());
        n.put("access_expires_at", t.accessExpiresAt().toString());
        n.put("refresh_expires_at", t.refreshExpiresAt().toString());
        n.put("logged_in_at", t.loggedInAt().toString());
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.writeValueAsString(n));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SchwabAuthException("cannot write token file " + file + ": " + e.getClass().getSimpleName(), 0, false);
        }
    }
}
