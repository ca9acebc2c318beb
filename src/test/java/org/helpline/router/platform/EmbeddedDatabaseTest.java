package org.helpline.router.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded PostgreSQL the packaged service starts without a configured database (real servers). */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
    }

    @Test
    void newDataDirectoryIsDurableAndOpensOnlyWithItsOwnerOnlyPassword() throws Exception {
        EmbeddedDatabase db = start();

        Path passwordFile = dataDir.resolve("postgres.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        String password = Files.readString(passwordFile).trim();
        assertTrue(password.length() >= 40, "256 random bits");
        try (Connection c = connect(db, password)) {
            assertEquals("on", show(c, "fsync"));
            assertEquals("on", show(c, "synchronous_commit"));
            assertEquals("on", show(c, "full_page_writes"));
        }
        assertRefusedWithout(password, db);
        assertFalse(PasswordAuthentication.trusts(dataDir.resolve("postgres")), "no trust rule in pg_hba.conf");
    }

    @Test
    void dataDirectoryCreatedWithTrustKeepsItsDataAndThenNeedsThePassword() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        // What earlier versions made: the library's defaults, trust for every local connection.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(false).setPGStartupWait(Duration.ofSeconds(30)).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the upgrade')");
        }
        assertTrue(PasswordAuthentication.trusts(pgData));

        EmbeddedDatabase db = start();
        String password = Files.readString(dataDir.resolve("postgres.password")).trim();
        try (Connection c = connect(db, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
            assertTrue(rs.next());
            assertEquals("written before the upgrade", rs.getString(1));
        }
        assertRefusedWithout(password, db);
        assertFalse(PasswordAuthentication.trusts(pgData));

        db.close();
        EmbeddedDatabase again = start();
        try (Connection c = connect(again, password)) {
            assertEquals("on", show(c, "fsync"));
        }
    }

    @Test
    void pidFileOfAnUnrelatedLiveProcessDoesNotBlockTheStart() throws Exception {
        start().close();
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        // After a reboot the old pid may belong to any program: here, this JVM.
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + dataDir.resolve("postgres") + "\n",
                StandardCharsets.US_ASCII);

        EmbeddedDatabase db = start();
        try (Connection c = connect(db, Files.readString(dataDir.resolve("postgres.password")).trim())) {
            assertEquals("on", show(c, "fsync"));
        }
    }

    @Test
    void dataDirectoryOfARunningServerIsRefusedNotTakenOver() throws Exception {
        EmbeddedDatabase first = start();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dataDir));
        assertTrue(refused.getMessage().contains("in use by another running helpline-router"), refused.getMessage());
        try (Connection c = connect(first, Files.readString(dataDir.resolve("postgres.password")).trim())) {
            assertEquals("on", show(c, "fsync"));
        }
    }

    @Test
    void missingPasswordFileOfAPasswordProtectedDirectoryIsNamed() throws Exception {
        start().close();
        Files.delete(dataDir.resolve("postgres.password"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dataDir));
        assertTrue(e.getMessage().contains("postgres.password"), e.getMessage());
    }

    private EmbeddedDatabase start() {
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
        started.add(db);
        return db;
    }

    private static Connection connect(EmbeddedDatabase db, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + db.port() + "/postgres", p);
    }

    private static void assertRefusedWithout(String password, EmbeddedDatabase db) {
        SQLException wrong = assertThrows(SQLException.class, () -> connect(db, password + "x").close());
        assertEquals("28P01", wrong.getSQLState(), "password authentication failed");
        Properties none = new Properties();
        none.setProperty("user", "postgres");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + db.port() + "/postgres", none).close());
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
