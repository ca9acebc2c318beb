package org.helpline.router.journal;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the pseudonym secret comes from: the configuration when set, otherwise a file in the service's data
 * directory, created with 256 random bits and owner-only permissions at first start. The secret itself is
 * never logged; only the file's location is.
 */
public final class PseudonymSecret {

    private static final Logger LOG = Logger.getLogger(PseudonymSecret.class);

    private PseudonymSecret() {
    }

    /** The secret's bytes: the configured value, else the content of {@code file}, created when missing. */
    public static byte[] resolve(Optional<String> configured, Path file) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get().trim().getBytes(StandardCharsets.UTF_8);
        }
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String stored = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (stored.isEmpty()) {
                throw new IllegalStateException("The pseudonym secret file " + file + " is empty");
            }
            return stored.getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the pseudonym secret file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return; // another start created it first: use theirs
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
        LOG.infof("No HELPLINE_PSEUDONYM_SECRET configured: generated a pseudonym secret in %s. "
                + "Several instances must share one secret: set HELPLINE_PSEUDONYM_SECRET in production.", file);
    }
}
