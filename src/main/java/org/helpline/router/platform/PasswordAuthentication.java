package org.helpline.router.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client authentication of the embedded PostgreSQL ({@code pg_hba.conf}). New data directories are created
 * with SCRAM passwords; data directories made by earlier versions trusted every local connection and are
 * moved over once: the superuser gets the generated password, then every {@code trust} rule becomes
 * {@code scram-sha-256} and the server reloads its configuration. No data is touched.
 */
final class PasswordAuthentication {

    static final String METHOD = "scram-sha-256";
    private static final Pattern TRUST = Pattern.compile("(?<=\\s)trust(?=\\s|$)");

    private PasswordAuthentication() {
    }

    /** Whether any rule of the data directory's {@code pg_hba.conf} admits connections without a password. */
    static boolean trusts(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return false;
        }
        return Files.readAllLines(hba, StandardCharsets.UTF_8).stream().anyMatch(PasswordAuthentication::trustRule);
    }

    /** Sets the superuser's password through a (still trusted) connection, then requires it everywhere. */
    static void migrate(Connection superuser, String password, Path dataDir) throws SQLException, IOException {
        try (Statement s = superuser.createStatement()) {
            s.execute("SET password_encryption = '" + METHOD + "'");
            // ALTER ROLE takes no bind parameter; the password is base64url, so it has no quote to escape.
            s.execute("ALTER ROLE postgres WITH PASSWORD '" + password.replace("'", "''") + "'");
        }
        Path hba = dataDir.resolve("pg_hba.conf");
        List<String> rewritten = Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(line -> trustRule(line) ? TRUST.matcher(line).replaceAll(Matcher.quoteReplacement(METHOD)) : line)
                .toList();
        Path next = dataDir.resolve("pg_hba.conf.helpline-new");
        Files.write(next, rewritten, StandardCharsets.UTF_8);
        Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (Statement s = superuser.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static boolean trustRule(String line) {
        String rule = line.strip();
        return !rule.isEmpty() && !rule.startsWith("#") && TRUST.matcher(rule).find();
    }
}
