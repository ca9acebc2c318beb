package org.helpline.router.messages;

import org.helpline.router.platform.AtomicFiles;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File operations on the messages folder: a file appears whole or not at all (written beside it, then renamed
 * over it), and everything is readable by Asterisk, which usually runs as another user (files 0644, folders
 * 0755, whatever the service's umask).
 */
final class MessageFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");
    /** Temporary files start with this, so that nothing (Asterisk, a reconcile) takes them for a message. */
    static final String TEMPORARY_PREFIX = ".incoming-";

    private MessageFiles() {
    }

    /** Creates the folder and its missing parents up to {@code root}, each readable by all. */
    static void folder(Path root, Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (!folder.equals(root) && folder.getParent() != null) {
            folder(root, folder.getParent());
        }
        Files.createDirectories(folder);
        AtomicFiles.permissions(folder, FOLDER);
    }

    /** Replaces {@code file} with {@code content} atomically. */
    static void write(Path root, Path file, byte[] content) throws IOException {
        folder(root, file.getParent());
        AtomicFiles.replace(file, content, TEMPORARY_PREFIX, FILE);
    }

    /** Deletes the file, then its folders up to {@code root} while they are empty. */
    static boolean delete(Path root, Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root);
             dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            } catch (IOException gone) {
                continue;
            }
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException filledMeanwhile) {
                break;
            }
        }
        return deleted;
    }

    /** Deletes a folder and everything in it, if it exists. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
