package org.helpline.router.calls;

import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.support.CallerNumberForms;
import org.helpline.router.support.DatabaseDump;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After every call of the suite: no form of any test caller's number anywhere it must not be — Asterisk's log
 * files, queue_log, console and astdb, what the listeners' phones (SIPp and baresip) and the crisis line received,
 * both service instances' logs, and a dump of the service's database.
 */
final class PrivacyAfterTheSuite {

    private PrivacyAfterTheSuite() {
    }

    static void noCallerNumberAnywhere(CallRig rig) throws Exception {
        List<String> callers = new java.util.ArrayList<>(SuiteLines.callersE164());
        assertFalse(callers.isEmpty(), "the suite placed calls");
        callers.addAll(CallRig.warmUpCallersE164());
        List<String> findings = new ArrayList<>();

        List<Path> asteriskFiles = rig.asterisk.writtenFiles();
        assertTrue(asteriskFiles.stream().anyMatch(p -> p.getFileName().toString().equals("queue_log")),
                "queue_log is written: " + asteriskFiles);
        assertTrue(asteriskFiles.stream().anyMatch(p -> p.getFileName().toString().startsWith("astdb")),
                "the astdb exists: " + asteriskFiles);
        for (Path file : asteriskFiles) {
            scan(file, callers, findings);
        }
        try (Stream<Path> sipp = Files.list(rig.runDir.resolve("sipp"))) {
            for (Path file : sipp.filter(p -> p.getFileName().toString().endsWith("-messages.log")).toList()) {
                scan(file, callers, findings);
            }
        }
        // What the real softphones printed: the calls they were offered, with the caller as they saw it.
        try (Stream<Path> run = Files.list(rig.runDir)) {
            for (Path dir : run.filter(p -> p.getFileName().toString().startsWith("baresip-")).toList()) {
                scan(dir.resolve("baresip.out"), callers, findings);
            }
        }
        scan(rig.service.logFile(), callers, findings);
        scan(rig.runDir.resolve("second-service.log"), callers, findings);
        String tables = allTables(rig);
        CallerNumberForms.foundIn(tables, callers).forEach(f -> findings.add("database rows: a caller number form"));
        pgDump(rig).ifPresent(dump ->
                CallerNumberForms.foundIn(dump, callers).forEach(f -> findings.add("pg_dump: a caller number form")));
        assertEquals(List.of(), findings, "places holding a test caller's number");
    }

    private static void scan(Path file, List<String> callers, List<String> findings) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (!CallerNumberForms.foundIn(text, callers).isEmpty()) {
            findings.add(file.toString());
        }
    }

    private static String allTables(CallRig rig) throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection c = rig.journal.connect()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
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

    /** A real pg_dump of the service's database when a client is installed. */
    private static Optional<String> pgDump(CallRig rig) throws Exception {
        Optional<Path> binary = DatabaseDump.pgDumpBinary();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Path out = rig.runDir.resolve("service-database.sql");
        Path passwordFile = rig.service.dataDirectory().resolve("postgres.password");
        ProcessBuilder pb = new ProcessBuilder(binary.get().toString(), "--host=127.0.0.1",
                "--port=" + rig.service.databasePort(), "--username=postgres", "--no-password", "--dbname=postgres",
                "--format=plain", "--file=" + out).redirectErrorStream(true)
                .redirectOutput(rig.runDir.resolve("pg_dump.out").toFile());
        pb.environment().put("PGPASSWORD", Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : "postgres");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            // A client older than the server refuses to dump it: the row scan above still covers every table.
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
