package org.helpline.router.platform;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replacing a file that another program reads (Asterisk reads the listeners' accounts and the line messages):
 * the new content goes to a temporary file beside it, gets its permissions, then takes the file's place by rename,
 * so a reader sees the old file or the new one, never half of one.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code content}.
     *
     * @param temporaryPrefix how the temporary file's name starts (so that whoever lists the folder can skip it)
     * @param mode            the new file's permissions (ignored on a file system without POSIX permissions)
     */
    public static void replace(Path file, byte[] content, String temporaryPrefix, Set<PosixFilePermission> mode)
            throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), temporaryPrefix, ".tmp");
        try {
            Files.write(temporary, content);
            permissions(temporary, mode);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Sets permissions where the file system has them (not a supported deployment otherwise: its defaults stay). */
    public static void permissions(Path path, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (UnsupportedOperationException notPosix) {
            // keep the file system's defaults
        }
    }
}
