package org.helpline.router.platform;

import org.helpline.router.support.PackagedService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service with its embedded PostgreSQL, killed as a power cut or the OOM killer would, comes back
 * by itself: the next start finds the PostgreSQL server the dead JVM left running, stops it, and is ready with
 * the data written before the kill. The restart goes through {@code ./scripts/run}, as an operator's would.
 * Runs in {@code ./mvnw verify} (failsafe), after the jar is packaged.
 */
class CrashRecoveryIT {

    private static final String LINE = """
            {"code":"nuit","name":"Écoute de nuit","number":"+33800111222","timeZone":"Europe/Paris",
             "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"}]}""";

    @TempDir
    Path dataDir;

    @Test
    void serviceKilledWithSigkillRestartsByItselfWithinThirtySecondsWithItsData() throws Exception {
        try (PackagedService first = new PackagedService("crash-before", dataDir).start()) {
            first.awaitReady(Duration.ofSeconds(120));   // the first start includes initdb
            HttpResponse<String> created = first.send("POST", "/api/lines", LINE);
            assertEquals(201, created.statusCode(), created.body());
            long leftPostgres = postmasterPid();

            first.kill9();
            assertTrue(ProcessHandle.of(leftPostgres).map(ProcessHandle::isAlive).orElse(false),
                    "the killed JVM leaves its PostgreSQL server running");

            try (PackagedService second = new PackagedService("crash-after", dataDir).throughRunScript().start()) {
                second.awaitReady(Duration.ofSeconds(30));
                HttpResponse<String> line = second.send("GET", "/api/lines/nuit", null);
                assertEquals(200, line.statusCode(), line.body());
                assertTrue(line.body().contains("Écoute de nuit"), line.body());
                assertNotEquals(leftPostgres, postmasterPid(), "a new server, the old one stopped");
                assertTrue(second.logText().contains("left by a previous run of this data directory"),
                        "the takeover is logged");
            }
        }
    }

    @Test
    void secondServiceOnTheDataDirectoryOfARunningOneStopsWithoutTouchingIt() throws Exception {
        try (PackagedService running = new PackagedService("in-use-running", dataDir).start()) {
            running.awaitReady(Duration.ofSeconds(120));
            long postgres = postmasterPid();

            try (PackagedService intruder = new PackagedService("in-use-intruder", dataDir).start()) {
                assertNotEquals(0, intruder.awaitExit(Duration.ofSeconds(60)), "refuses to start");
                assertTrue(intruder.logText().contains("in use by another running helpline-router"),
                        "says why");
            }
            assertEquals(postgres, postmasterPid(), "the running service's PostgreSQL is left alone");
            running.awaitReady(Duration.ofSeconds(5));
            assertEquals(200, running.send("GET", "/api/lines", null).statusCode());
        }
    }

    private long postmasterPid() throws Exception {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return Long.parseLong(pidFile.get(0).trim());
    }
}
