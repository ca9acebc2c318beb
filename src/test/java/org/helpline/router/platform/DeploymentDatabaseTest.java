package org.helpline.router.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.helpline.router.platform.DeploymentFiles.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database side of both deployments, run for real on a PostgreSQL server of its own: the Compose file's
 * first-start script gives the service a role that owns its database and nothing more, and every Flyway migration
 * runs under it; {@code scripts/backup-database} writes a readable owner-only archive and keeps exactly its
 * retention; {@code scripts/restore-drill} restores it into a scratch database, checks it and drops it. Each has its
 * failure twin: a failing backup deletes nothing, a damaged or foreign archive fails the drill. Needs the PostgreSQL
 * client programs (psql, pg_dump, pg_restore), as the servers do; skipped where they are not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentDatabaseTest {

    private static final String SERVICE_PASSWORD = "service-role-password-0123456789";
    private static EmbeddedPostgres server;
    private static Path work;

    @BeforeAll
    static void start() throws IOException {
        for (String client : List.of("psql", "pg_dump", "pg_restore", "createdb", "dropdb")) {
            assumeTrue(onPath(client), client + " is not installed: the scripts cannot run here");
        }
        work = Files.createTempDirectory("helpline-deploy-db");
        server = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30))
                .setDataDirectory(work.resolve("pgdata")).start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, program)));
    }

    /** The libpq variables of the scripts: this server, as its superuser (the backup container's PGUSER). */
    private static Map<String, String> libpq(String database) {
        return Map.of("PGHOST", "localhost", "PGPORT", String.valueOf(server.getPort()), "PGUSER", "postgres",
                "PGDATABASE", database, "PGPASSWORD", "");
    }

    private static Run script(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        return DeploymentFiles.run(command, env, Duration.ofSeconds(120));
    }

    private static Connection connect(String database, String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.getPort() + "/" + database, user, SERVICE_PASSWORD);
    }

    private static String single(String database, String sql) throws SQLException {
        try (Connection c = connect(database, "postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    @Order(1)
    void theFirstStartScriptGivesTheServiceARoleThatOwnsItsDatabaseAndMigratesIt() throws Exception {
        Map<String, String> env = new HashMap<>(libpq("postgres"));
        env.put("POSTGRES_USER", "postgres");
        env.put("HELPLINE_DATABASE_PASSWORD", SERVICE_PASSWORD);
        Run init = DeploymentFiles.run(List.of("sh", "docker/postgres/init-helpline.sh"), env, Duration.ofSeconds(60));
        assertEquals(0, init.exit(), init.output());
        assertEquals("false false", single("postgres",
                "SELECT rolsuper::text || ' ' || rolcreatedb::text FROM pg_roles WHERE rolname = 'helpline'"), "no superuser, no CREATEDB");
        assertEquals("helpline", single("postgres",
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'helpline'"));

        // Every migration runs as that role (the service's Flyway at start does the same).
        Flyway.configure().dataSource("jdbc:postgresql://localhost:" + server.getPort() + "/helpline", "helpline", SERVICE_PASSWORD)
                .locations("classpath:db/migration").load().migrate();
        assertEquals(String.valueOf(latestMigration()), single("helpline",
                "SELECT max(version::int) FROM flyway_schema_history WHERE success"));
        try (Connection c = connect("helpline", "helpline"); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO account (username, password_hash) VALUES ('drill-operator', '$2a$12$notarealhash')");
        }
    }

    private static int latestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }

    @Test
    @Order(2)
    void aBackupIsAnOwnerOnlyArchiveAndOnlyArchivesPastTheRetentionGo() throws Exception {
        Path backups = Files.createDirectories(work.resolve("backups"));
        Path expired = archive(backups, "helpline-20200101T023000.dump", Duration.ofDays(14).plusHours(1));
        Path kept = archive(backups, "helpline-20200102T023000.dump", Duration.ofDays(13));
        Map<String, String> env = new HashMap<>(libpq("helpline"));
        env.put("BACKUP_DIR", backups.toString());
        env.put("BACKUP_KEEP_DAYS", "14");

        Run backup = script("scripts/backup-database", env);
        assertEquals(0, backup.exit(), backup.output());
        assertFalse(Files.exists(expired), "past the 14 days: removed");
        assertTrue(Files.exists(kept), "within the 14 days: kept");
        List<Path> made = newArchives(backups);
        assertEquals(1, made.size(), made.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.get(0))));
        assertTrue(backup.output().contains("wrote " + made.get(0)), backup.output());

        // The twin: a backup that fails deletes nothing, leaves no partial archive, and says so.
        Path old = archive(backups, "helpline-20200103T023000.dump", Duration.ofDays(30));
        env.put("PGDATABASE", "no_such_database");
        Run failed = script("scripts/backup-database", env);
        assertNotEquals(0, failed.exit());
        assertTrue(failed.output().contains("older backups kept"), failed.output());
        assertTrue(Files.exists(old), "a failed backup removes no older one");
        try (Stream<Path> files = Files.list(backups)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")));
        }
        Files.delete(old);
    }

    private static Path archive(Path dir, String name, Duration age) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "an older archive");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private static List<Path> newArchives(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("helpline-\\d{8}T\\d{6}\\.dump"))
                    .filter(f -> !f.getFileName().toString().startsWith("helpline-2020")).toList();
        }
    }

    @Test
    @Order(3)
    void theDrillRestoresTheNewestBackupChecksItAndDropsTheScratchDatabase() throws Exception {
        Path backups = work.resolve("backups");
        Map<String, String> env = new HashMap<>(libpq("postgres"));
        env.put("BACKUP_DIR", backups.toString());
        // The older stand-in archive must not be taken for the newest.
        Files.setLastModifiedTime(newArchives(backups).get(0), FileTime.from(Instant.now()));

        Run drill = script("scripts/restore-drill", env);
        assertEquals(0, drill.exit(), drill.output());
        assertTrue(drill.output().contains("latest version " + latestMigration()), drill.output());
        assertTrue(drill.output().contains("1 accounts"), drill.output());
        assertTrue(drill.output().contains("restore-drill: OK: " + newArchives(backups).get(0)), drill.output());
        assertEquals(null, single("postgres", "SELECT datname FROM pg_database WHERE datname = 'helpline_restore_drill'"));
        assertEquals("1", single("helpline", "SELECT count(*) FROM account"), "the live database untouched");
    }

    @Test
    @Order(4)
    void aDamagedOrForeignArchiveFailsTheDrillAndLeavesNoScratchDatabase() throws Exception {
        Path archive = newArchives(work.resolve("backups")).get(0);
        byte[] bytes = Files.readAllBytes(archive);
        Path damaged = Files.write(work.resolve("damaged.dump"), Arrays.copyOf(bytes, bytes.length / 2));
        Run drill = script("scripts/restore-drill", libpq("postgres"), damaged.toString());
        assertNotEquals(0, drill.exit(), drill.output());
        assertTrue(drill.output().contains("restore-drill: FAILED"), drill.output());

        // A readable archive of some other database is no helpline-router backup.
        Path other = Files.createDirectories(work.resolve("other"));
        Map<String, String> env = new HashMap<>(libpq("postgres"));
        env.put("BACKUP_DIR", other.toString());
        assertEquals(0, script("scripts/backup-database", env).exit());
        Run foreign = script("scripts/restore-drill", env);
        assertNotEquals(0, foreign.exit());
        assertTrue(foreign.output().contains("no Flyway history"), foreign.output());
        assertEquals(null, single("postgres", "SELECT datname FROM pg_database WHERE datname = 'helpline_restore_drill'"));
    }
}
