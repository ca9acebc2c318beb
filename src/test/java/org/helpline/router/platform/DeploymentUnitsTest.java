package org.helpline.router.platform;

import org.helpline.router.platform.DeploymentFiles.Run;
import org.helpline.router.platform.DeploymentFiles.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.helpline.router.platform.DeploymentFiles.asteriskConfig;
import static org.helpline.router.platform.DeploymentFiles.read;
import static org.helpline.router.platform.DeploymentFiles.unit;
import static org.helpline.router.platform.DeploymentFiles.unitEnvironment;
import static org.helpline.router.platform.DeploymentFiles.unitValue;
import static org.helpline.router.platform.DeploymentFiles.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installation without Docker (deploy/): the systemd units, tmpfiles.d, logrotate and the service's
 * environment file agree with each other, with asterisk-config/'s defaults, with the Docker image's paths and with
 * the README's configuration table; and systemd itself finds nothing wrong in the units.
 */
class DeploymentUnitsTest {

    private static final Path SERVICE_UNIT = Path.of("deploy/systemd/helpline-router.service");
    private static final Path ASTERISK_UNIT = Path.of("deploy/systemd/asterisk.service");
    private static final Path BACKUP_UNIT = Path.of("deploy/systemd/helpline-backup.service");
    private static final Path BACKUP_TIMER = Path.of("deploy/systemd/helpline-backup.timer");
    private static final Path TMPFILES = Path.of("deploy/tmpfiles.d/helpline-router.conf");
    private static final Path ENV_FILE = Path.of("deploy/helpline-router.env.example");

    /** One line of tmpfiles.d: type, path, mode, user, group, age, argument. */
    private record Entry(String type, String path, String mode, String user, String group, String argument) {
    }

    private static List<Entry> tmpfiles() {
        List<Entry> entries = new ArrayList<>();
        for (String line : read(TMPFILES).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.strip().split("\\s+");
                entries.add(new Entry(f[0], f[1], f[2], f[3], f[4], f.length > 6 ? f[6] : "-"));
            }
        }
        return entries;
    }

    private static Entry tmpfile(String path) {
        return tmpfiles().stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("tmpfiles.d makes nothing at " + path));
    }

    @Test
    void theServiceRunsAsItsOwnUserWithItsDataWhereTheImageKeepsIt() {
        var service = unit(SERVICE_UNIT);
        Map<String, String> env = unitEnvironment(service);
        String user = unitValue(service, "Service", "User");
        assertEquals("helpline-router", user);
        assertEquals("/var/lib/" + unitValue(service, "Service", "StateDirectory"), env.get("HELPLINE_DATA_DIR"));
        // The same paths as the Docker image (docker/Dockerfile ENV), so docs and habits hold for both.
        String image = read(Path.of("docker/Dockerfile"));
        for (String key : List.of("HELPLINE_DATA_DIR", "HELPLINE_MESSAGES_DIRECTORY", "HELPLINE_SIP_ACCOUNTS_FILE")) {
            assertTrue(image.contains(key + "=" + env.get(key)), key + " is " + env.get(key) + " in the image too");
        }
        assertEquals("/etc/helpline-router/helpline-router.env", unitValue(service, "Service", "EnvironmentFile"));
        String exec = unitValue(service, "Service", "ExecStart");
        assertTrue(exec.startsWith("/usr/bin/java -Xmx512m -XX:ThreadPriorityPolicy=1 $JAVA_OPTS -jar "), exec);
        assertEquals("-5", unitValue(service, "Service", "LimitNICE"));
        assertEquals("always", unitValue(service, "Service", "Restart"));
        for (String[] hardening : new String[][] {{"NoNewPrivileges", "yes"}, {"ProtectSystem", "strict"},
                {"PrivateTmp", "yes"}, {"ProtectHome", "yes"}, {"CapabilityBoundingSet", ""}}) {
            assertEquals(hardening[1], unitValue(service, "Service", hardening[0]), hardening[0]);
        }
        // The JIT writes and runs code: MemoryDenyWriteExecute would stop the JVM.
        assertEquals(null, unitValue(service, "Service", "MemoryDenyWriteExecute"));
    }

    @Test
    void theSharedFoldersAreWhereTheSiteFileAndPjsipLook() throws IOException {
        Map<String, String> env = unitEnvironment(unit(SERVICE_UNIT));
        String asteriskUser = unitValue(unit(ASTERISK_UNIT), "Service", "User");
        List<Setting> site = asteriskConfig(DeploymentFiles.ASTERISK_CONFIG.resolve("helpline-site.conf"));
        String messages = env.get("HELPLINE_MESSAGES_DIRECTORY");
        assertEquals(value(site, "", "HELPLINE_MESSAGES_DIR"), messages, "the site file's default, unedited");
        Entry messagesDir = tmpfile(messages);
        assertEquals("0755", messagesDir.mode(), "Asterisk reads the recordings");
        assertEquals("helpline-router", messagesDir.user());

        String accounts = env.get("HELPLINE_SIP_ACCOUNTS_FILE");
        Entry sip = tmpfile(accounts.substring(0, accounts.lastIndexOf('/')));
        assertEquals("2750", sip.mode(), "setgid: the file the service writes rw-r----- is in Asterisk's group");
        assertEquals("helpline-router", sip.user());
        assertEquals(asteriskUser, sip.group());
        assertTrue(read(DeploymentFiles.ASTERISK_CONFIG.resolve("pjsip.conf")).contains("\n#tryinclude helpline-listeners.conf"));
        Entry link = tmpfile("/etc/asterisk/helpline-listeners.conf");
        assertEquals("L", link.type());
        assertEquals(accounts, link.argument());
        assertEquals("0755", tmpfile(unitEnvironment(unit(SERVICE_UNIT)).get("HELPLINE_DATA_DIR")).mode(),
                "Asterisk walks through the data directory to those two folders");
    }

    @Test
    void theEnvironmentFileHoldsOnlyDocumentedKeysWiredToAsteriskConfigDefaults() throws IOException {
        Map<String, String> env = DeploymentFiles.envFile(ENV_FILE);
        String readme = read(Path.of("README.md"));
        Set<String> undocumented = new TreeSet<>();
        for (String key : env.keySet()) {
            if (!key.equals("JAVA_OPTS") && !readme.contains("| `" + key + "` |")) {
                undocumented.add(key);
            }
        }
        assertEquals(Set.of(), undocumented, "keys missing from the README's configuration table");
        List<Setting> site = asteriskConfig(DeploymentFiles.ASTERISK_CONFIG.resolve("helpline-site.conf"));
        assertEquals(value(site, "", "HELPLINE_AGI"), env.get("HELPLINE_AGI_BIND") + ":" + env.get("HELPLINE_AGI_PORT"));
        List<Setting> manager = asteriskConfig(DeploymentFiles.ASTERISK_CONFIG.resolve("manager.conf"));
        assertEquals(value(manager, "general", "bindaddr"), env.get("HELPLINE_AMI_HOST"));
        assertEquals(value(manager, "general", "port"), env.get("HELPLINE_AMI_PORT"));
        assertTrue(AsteriskAcl.of(manager, env.get("HELPLINE_AMI_USERNAME")).allows(env.get("HELPLINE_AMI_HOST")));
        assertTrue(AddressAllowList.of(List.of(env.get("HELPLINE_AGI_ALLOWED_SOURCES").split(","))).allows("127.0.0.1"));
        assertEquals("127.0.0.1", env.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));
        assertTrue(read(Path.of("deploy/nginx/helpline-router.conf"))
                .contains("proxy_pass http://" + env.get("QUARKUS_HTTP_HOST") + ":" + env.get("QUARKUS_HTTP_PORT") + ";"));
    }

    @Test
    void asteriskRunsInTheForegroundAsItsUserAndEveryLogFileItWritesIsRotated() throws IOException {
        var asterisk = unit(ASTERISK_UNIT);
        assertEquals("asterisk", unitValue(asterisk, "Service", "User"));
        assertTrue(unitValue(asterisk, "Service", "ExecStart").startsWith("/usr/sbin/asterisk -f"));
        assertEquals("always", unitValue(asterisk, "Service", "Restart"));
        assertEquals("asterisk", unitValue(asterisk, "Service", "LogsDirectory"));
        String logrotate = read(Path.of("deploy/logrotate/asterisk"));
        List<Setting> logger = asteriskConfig(DeploymentFiles.ASTERISK_CONFIG.resolve("logger.conf"));
        List<String> files = new ArrayList<>();
        logger.stream().filter(s -> s.section().equals("logfiles") && !s.key().equals("console")).forEach(s -> files.add(s.key()));
        files.add(value(logger, "general", "queue_log_name"));
        assertEquals(List.of("messages", "security", "queue_log"), files);
        for (String file : files) {
            assertTrue(logrotate.contains("/var/log/asterisk/" + file + " "), file + " is rotated");
        }
        assertEquals("none", value(logger, "general", "rotatestrategy"), "Asterisk leaves rotation to logrotate");
        assertTrue(logrotate.contains("copytruncate"), "Asterisk keeps its files open: copied, then truncated");
        // The Compose file mounts the same folder from the host, so the same logrotate file serves both.
        DeploymentFiles.mountAt("asterisk", "/var/log/asterisk");
    }

    @Test
    void theBackupRunsDailyAsPostgresIntoItsOwnerOnlyFolder() {
        var backup = unit(BACKUP_UNIT);
        Map<String, String> env = unitEnvironment(backup);
        assertEquals("oneshot", unitValue(backup, "Service", "Type"));
        assertEquals("/usr/local/bin/helpline-backup-database", unitValue(backup, "Service", "ExecStart"));
        Entry folder = tmpfile(env.get("BACKUP_DIR"));
        assertEquals("0700", folder.mode(), "the dumps hold password hashes and the journal");
        assertEquals(unitValue(backup, "Service", "User"), folder.user());
        assertEquals(env.get("BACKUP_DIR"), unitValue(backup, "Service", "ReadWritePaths"));
        assertEquals("helpline", env.get("PGDATABASE"));
        var timer = unit(BACKUP_TIMER);
        assertEquals("*-*-* 02:30:00", unitValue(timer, "Timer", "OnCalendar"));
        assertEquals("true", unitValue(timer, "Timer", "Persistent"));
        // The script's defaults are the unit's, so a hand run does the same.
        String script = read(Path.of("scripts/backup-database"));
        assertTrue(script.contains("BACKUP_DIR=${BACKUP_DIR:-" + env.get("BACKUP_DIR") + "}"));
        assertTrue(script.contains("BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-" + env.get("BACKUP_KEEP_DAYS") + "}"));
    }

    @Test
    void systemdFindsNothingWrongInTheUnits() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify"));
        for (Path unit : List.of(SERVICE_UNIT, ASTERISK_UNIT, BACKUP_UNIT, BACKUP_TIMER)) {
            command.add(unit.toString());
        }
        Run verify = DeploymentFiles.run(command, Map.of("SYSTEMD_LOG_COLOR", "0"), Duration.ofSeconds(60));
        // The programs the units start are installed on the server, not here; anything else is a fault.
        List<String> faults = verify.output().lines()
                .filter(l -> !l.isBlank() && !l.contains("is not executable: No such file or directory")).toList();
        assertEquals(List.of(), faults, verify.output());
    }
}
