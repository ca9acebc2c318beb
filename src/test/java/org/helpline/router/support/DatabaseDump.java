package org.helpline.router.support;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a database dump of the test PostgreSQL shows: a real {@code pg_dump} when one is installed (zonky ships
 * only the server, so the system's client is looked for on the PATH and under /usr/lib/postgresql), and
 * always PostgreSQL's text form of every row of every table of the schema.
 */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    /** Every row of every table of the public schema, as PostgreSQL's text form of the row. */
    public static String allTablesAsText(DataSource ds) throws SQLException {
        StringBuilder dump = new StringBuilder();
        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        try (Connection c = ds.getConnection()) {
            for (String table : tables) {
                dump.append("== ").append(table).append('\n');
                try (PreparedStatement ps = c.prepareStatement("SELECT t::text FROM \"" + table + "\" t");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dump.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    /**
     * A plain-SQL {@code pg_dump} of the embedded test database, or empty when no {@code pg_dump} is installed
     * or the tests use a server of their own.
     */
    public static Optional<String> pgDump() throws IOException, InterruptedException {
        Optional<Path> binary = pgDumpBinary();
        if (binary.isEmpty() || PostgresTestResource.server() == null) {
            return Optional.empty();
        }
        Path out = Files.createTempFile("helpline-dump", ".sql");
        try {
            Process p = new ProcessBuilder(binary.get().toString(), "--host=localhost",
                    "--port=" + PostgresTestResource.server().getPort(), "--username=postgres", "--no-password",
                    "--dbname=postgres", "--format=plain", "--file=" + out)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("pg_dump failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
            }
            return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The first {@code pg_dump} found on the PATH or under /usr/lib/postgresql/<version>/bin. */
    public static Optional<Path> pgDumpBinary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "pg_dump");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                return versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable)
                        .sorted(java.util.Comparator.reverseOrder()).findFirst();
            }
        }
        return Optional.empty();
    }
}
