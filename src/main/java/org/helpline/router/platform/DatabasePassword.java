package org.helpline.router.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded PostgreSQL superuser's password: 256 random bits generated once into an owner-only file of the
 * data directory ({@code <data dir>/postgres.password}), read back at every start. The value is never logged.
 */
final class DatabasePassword {

    static final String FILE_NAME = "postgres.password";

    private DatabasePassword() {
    }

    /** The password stored in {@code file}, generated (mode 0600) when the file does not exist yet. */
    static String loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        restrictToOwner(file);
        String stored = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (stored.isEmpty()) {
            throw new IllegalStateException("The database password file " + file + " is empty; delete it only "
                    + "together with the embedded database, or put the database's password back in it");
        }
        return stored;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
    }

    /** A file copied in with wider permissions is narrowed: the password opens every table. */
    private static void restrictToOwner(Path file) throws IOException {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (!ownerOnly.containsAll(now)) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: nothing to narrow.
        }
    }
}
