package org.helpline.router.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.helpline.router.platform.DeploymentFiles.Mount;
import org.helpline.router.platform.DeploymentFiles.Run;
import org.helpline.router.platform.DeploymentFiles.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.helpline.router.platform.DeploymentFiles.asteriskConfig;
import static org.helpline.router.platform.DeploymentFiles.compose;
import static org.helpline.router.platform.DeploymentFiles.configureAsterisk;
import static org.helpline.router.platform.DeploymentFiles.environment;
import static org.helpline.router.platform.DeploymentFiles.mountAt;
import static org.helpline.router.platform.DeploymentFiles.read;
import static org.helpline.router.platform.DeploymentFiles.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so the Compose deployment is held against what it wires together: the file's
 * variables against docker/.env.example; the service's settings against asterisk-config/ as the Asterisk image's
 * entry point really writes it (run for real on a scratch folder, with the Compose file's environment); the shared
 * volumes, the prompts, Prometheus, the database role, the reverse proxy; and no internal port beyond loopback.
 */
class DeploymentWiringTest {

    private static final String SERVICE = "helpline-router";
    private static final String ASTERISK = "asterisk";

    @TempDir
    Path scratch;

    /** /etc/asterisk as the Asterisk container has it once its entry point ran with the Compose file's environment. */
    private Path asteriskEtc() throws Exception {
        Path etc = scratch.resolve("etc-asterisk");
        Run run = configureAsterisk(environment(ASTERISK), etc);
        assertEquals(0, run.exit(), run.output());
        return etc;
    }

    @Test
    void everyVariableOfTheComposeFileIsInTheEnvExampleAndNoneIsStale() {
        Set<String> used = new TreeSet<>(DeploymentFiles.variables(read(DeploymentFiles.COMPOSE)));
        Set<String> listed = DeploymentFiles.envFile(DeploymentFiles.ENV_EXAMPLE).keySet();
        assertTrue(listed.containsAll(used), "not in docker/.env.example: " + diff(used, listed));
        assertTrue(used.containsAll(listed), "in docker/.env.example but unused: " + diff(listed, used));
        assertTrue(read(Path.of(".gitignore")).lines().anyMatch("docker/.env"::equals), "docker/.env is never committed");
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    @Test
    void everyServiceIsOnTheHostNetworkAndPublishesNoPort() throws IOException {
        compose().path("services").fields().forEachRemaining(s -> {
            assertEquals("host", s.getValue().path("network_mode").asText(), s.getKey() + " uses the host's network");
            assertTrue(s.getValue().path("ports").isMissingNode(), s.getKey() + " publishes no port (host network)");
        });
    }

    @Test
    void amiFastAgiPostgresqlHttpPrometheusAndGrafanaListenOnLoopbackOnly() throws Exception {
        Map<String, String> service = environment(SERVICE);
        assertLoopback(service.get("QUARKUS_HTTP_HOST"), "the service's HTTP");
        assertLoopback(service.get("HELPLINE_AGI_BIND"), "FastAGI");
        List<Setting> manager = asteriskConfig(asteriskEtc().resolve("manager.conf"));
        assertLoopback(value(manager, "general", "bindaddr"), "AMI");
        List<String> postgres = new ArrayList<>();
        DeploymentFiles.service("postgres").path("command").forEach(c -> postgres.add(c.asText()));
        assertTrue(postgres.contains("listen_addresses=127.0.0.1"), "PostgreSQL: " + postgres);
        String prometheus = flag(DeploymentFiles.service("prometheus"), "--web.listen-address=");
        assertLoopback(prometheus.substring(0, prometheus.lastIndexOf(':')), "Prometheus");
        assertLoopback(environment("grafana").get("GF_SERVER_HTTP_ADDR"), "Grafana");
    }

    private static void assertLoopback(String address, String what) throws IOException {
        assertTrue(address != null && InetAddress.getByName(address).isLoopbackAddress(), what + " listens on " + address);
    }

    private static String flag(JsonNode service, String prefix) {
        for (JsonNode c : service.path("command")) {
            if (c.asText().startsWith(prefix)) {
                return c.asText().substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " in " + service.path("command"));
    }

    @Test
    void theDialplanAsksTheServicesFastAgiAndOnlyAsteriskIsServed() throws Exception {
        Map<String, String> service = environment(SERVICE);
        List<Setting> site = asteriskConfig(asteriskEtc().resolve("helpline-site.conf"));
        assertEquals(service.get("HELPLINE_AGI_BIND") + ":" + service.get("HELPLINE_AGI_PORT"), value(site, "", "HELPLINE_AGI"));
        assertEquals("", value(site, "", "HELPLINE_AGI_BACKUP"), "one instance: no backup address");
        // Asterisk, on the host's network, connects from loopback; nothing else is allowed.
        AddressAllowList agi = AddressAllowList.of(List.of(service.get("HELPLINE_AGI_ALLOWED_SOURCES").split(",")));
        assertTrue(agi.allows("127.0.0.1"));
        for (String elsewhere : List.of("172.17.0.1", "10.0.0.5", "192.0.2.10")) {
            assertFalse(agi.allows(elsewhere), elsewhere + " may not reach FastAGI");
        }
    }

    @Test
    void theServiceLogsInToAmiAsTheHelplineUserWithTheSameSecret() throws Exception {
        Map<String, String> service = environment(SERVICE);
        Path etc = asteriskEtc();
        List<Setting> manager = asteriskConfig(etc.resolve("manager.conf"));
        assertEquals(service.get("HELPLINE_AMI_HOST"), value(manager, "general", "bindaddr"));
        assertEquals(service.get("HELPLINE_AMI_PORT"), value(manager, "general", "port"));
        String user = service.get("HELPLINE_AMI_USERNAME");
        // The secret comes from one variable of docker/.env, on both sides.
        String variable = "${HELPLINE_AMI_PASSWORD:?set HELPLINE_AMI_PASSWORD in docker/.env}";
        assertEquals(variable, DeploymentFiles.rawEnvironment(DeploymentFiles.service(SERVICE)).get("HELPLINE_AMI_PASSWORD"));
        assertEquals(variable, DeploymentFiles.rawEnvironment(DeploymentFiles.service(ASTERISK)).get("HELPLINE_AMI_PASSWORD"));
        assertEquals(service.get("HELPLINE_AMI_PASSWORD"), value(manager, user, "secret"));
        assertNotEquals(value(asteriskConfig(DeploymentFiles.ASTERISK_CONFIG.resolve("helpline-site.conf")), "", "secret"),
                value(manager, user, "secret"), "not the repository's placeholder");
        // The secret is readable by Asterisk's group only; the link to the accounts file is left as it is.
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("helpline-site.conf"))));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(etc)));
        // The AMI user's deny/permit rules, applied as Asterisk does (in order, the last match wins).
        assertTrue(AsteriskAcl.of(manager, user).allows("127.0.0.1"), "the service, on loopback, may log in");
        assertFalse(AsteriskAcl.of(manager, user).allows("172.17.0.2"), "a container's address may not");
    }

    @Test
    void theMessagesAndSipAccountsFoldersAreSharedAtThePathsBothSidesUse() throws Exception {
        Map<String, String> service = environment(SERVICE);
        Path etc = asteriskEtc();
        String messages = service.get("HELPLINE_MESSAGES_DIRECTORY");
        assertEquals(messages, value(asteriskConfig(etc.resolve("helpline-site.conf")), "", "HELPLINE_MESSAGES_DIR"));
        assertShared(messages);

        String accounts = service.get("HELPLINE_SIP_ACCOUNTS_FILE");
        assertShared(accounts.substring(0, accounts.lastIndexOf('/')));
        assertTrue(read(DeploymentFiles.ASTERISK_CONFIG.resolve("pjsip.conf")).contains("\n#tryinclude helpline-listeners.conf"));
        Path included = etc.resolve("helpline-listeners.conf");
        assertTrue(Files.isSymbolicLink(included), "pjsip.conf's include is a link to the service's file");
        assertEquals(Path.of(accounts), Files.readSymbolicLink(included));
    }

    /** The same named volume at this path in the service (read-write) and in Asterisk (read-only). */
    private static void assertShared(String path) throws IOException {
        Mount service = mountAt(SERVICE, path);
        Mount asterisk = mountAt(ASTERISK, path);
        assertTrue(service.named() && !service.readOnly(), "the service writes " + path + ": " + service);
        assertEquals(service.source(), asterisk.source(), "one volume at " + path);
        assertTrue(asterisk.readOnly(), "Asterisk only reads " + path);
    }

    @Test
    void thePromptsAreMountedWhereAsteriskReadsSoundsBesideFrenchAndEnglishCoreSounds() throws IOException {
        String image = read(Path.of("docker/asterisk/Dockerfile"));
        List<String> languages;
        try (Stream<Path> dirs = Files.list(DeploymentFiles.ASTERISK_CONFIG.resolve("sounds"))) {
            languages = dirs.map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("en", "fr"), languages);
        for (String lang : languages) {
            Mount prompts = mountAt(ASTERISK, "/var/lib/asterisk/sounds/" + lang + "/helpline");
            assertEquals("../asterisk-config/sounds/" + lang + "/helpline", prompts.source());
            assertTrue(prompts.readOnly());
            assertTrue(image.contains("asterisk-core-sounds-" + lang + "-wav"), lang + " core sounds installed");
        }
        // Debian's packages install under /usr/share/asterisk; the image links them under astdatadir, leaving
        // helpline/ to the mount, and links the music on hold musiconhold.conf names.
        assertTrue(image.contains("for lang in en fr; do"));
        assertTrue(image.contains("mkdir -p \"/var/lib/asterisk/sounds/$lang/helpline\""));
        assertTrue(image.contains("asterisk-moh-opsound-wav"));
        assertTrue(image.contains("ln -s /usr/share/asterisk/moh /var/lib/asterisk/moh"));
        assertEquals("moh", value(asteriskConfig(DeploymentFiles.ASTERISK_CONFIG.resolve("musiconhold.conf")), "default", "directory"));
    }

    @Test
    void asteriskKeepsItsDatabaseInAVolume() throws Exception {
        List<Setting> conf = asteriskConfig(asteriskEtc().resolve("asterisk.conf"));
        Mount astdb = mountAt(ASTERISK, value(conf, "directories", "astdbdir"));
        assertTrue(astdb.named() && !astdb.readOnly(), astdb.toString());
    }

    @Test
    void theAsteriskImageBuildsTheReleaseTheCallSuiteProvesCheckedByChecksum() {
        String image = read(Path.of("docker/asterisk/Dockerfile"));
        Map<String, String> release = DeploymentFiles.envFile(Path.of("scripts/asterisk-release"));
        assertTrue(release.get("ASTERISK_VERSION").matches("22\\.\\d+\\.\\d+"), release.toString());
        assertTrue(release.get("ASTERISK_SHA256").matches("[0-9a-f]{64}") && release.get("PJPROJECT_SHA256").matches("[0-9a-f]{64}"));
        assertTrue(read(Path.of("scripts/build-asterisk")).contains(". \"$(dirname \"${BASH_SOURCE[0]}\")/asterisk-release\""),
                "the call suite builds the same release");
        assertTrue(image.contains("COPY scripts/asterisk-release ./") && image.contains(". ./asterisk-release;"));
        assertTrue(image.contains("echo \"$ASTERISK_SHA256  asterisk.tar.gz\" | sha256sum -c -"));
        assertTrue(image.contains("echo \"$PJPROJECT_SHA256  externals/pjproject-$PJPROJECT_VERSION.tar.bz2\" | sha256sum -c -"));
        assertTrue(image.contains("--with-pjproject-bundled --with-externals-cache=/usr/src/externals"));
        assertTrue(image.contains("ENTRYPOINT [\"/usr/local/bin/helpline-asterisk\"]"));
        // -U without -G: Asterisk's initgroups keeps the group that reads the accounts file.
        assertTrue(read(DeploymentFiles.ASTERISK_ENTRYPOINT).contains("exec /usr/sbin/asterisk -f -U asterisk \"$@\""));
        assertTrue(image.contains("useradd --system --user-group --groups helpline"));
        assertTrue(read(Path.of("docker/Dockerfile")).contains("groupadd --gid 1001 helpline"));
        assertTrue(image.contains("groupadd --gid 1001 helpline"), "the service's group, in the Asterisk image too");
    }

    @Test
    void routingThreadsMayRunAboveHttpWorkInTheContainer() throws IOException {
        String image = read(Path.of("docker/Dockerfile"));
        assertTrue(image.contains("-XX:ThreadPriorityPolicy=1"));
        // RLIMIT_NICE 25 allows nice -5, as the systemd unit's LimitNICE=-5.
        assertEquals(25, DeploymentFiles.service(SERVICE).path("ulimits").path("nice").asInt());
        assertEquals("-5", DeploymentFiles.unitValue(DeploymentFiles.unit(Path.of("deploy/systemd/helpline-router.service")),
                "Service", "LimitNICE"));
    }

    @Test
    void prometheusScrapesTheServiceFromAnAddressAllowedToReadMetrics() throws Exception {
        Map<String, String> service = environment(SERVICE);
        JsonNode config = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("docker/prometheus/prometheus.yml").toFile());
        JsonNode job = null;
        for (JsonNode j : config.path("scrape_configs")) {
            if (j.path("job_name").asText().equals("helpline-router")) {
                job = j;
            }
        }
        assertTrue(job != null, "a helpline-router job");
        assertEquals(applicationProperty("quarkus.micrometer.export.prometheus.path"), job.path("metrics_path").asText());
        String target = job.path("static_configs").get(0).path("targets").get(0).asText();
        assertEquals(service.get("QUARKUS_HTTP_HOST") + ":" + service.get("QUARKUS_HTTP_PORT"), target);
        // Prometheus shares the host's network: it connects from loopback, which must be allowed.
        assertTrue(AddressAllowList.of(List.of(service.get("HELPLINE_OPERATIONS_ALLOWED_SOURCES").split(","))).allows("127.0.0.1"));
        assertEquals("/etc/prometheus/prometheus.yml", mountAt("prometheus", "/etc/prometheus/prometheus.yml").target());
        assertTrue(config.path("rule_files").toString().contains("/etc/prometheus/alerts.yml"));
        mountAt("prometheus", "/etc/prometheus/alerts.yml");
        // Grafana's provisioned data source is that Prometheus.
        String listen = flag(DeploymentFiles.service("prometheus"), "--web.listen-address=");
        assertTrue(read(Path.of("docker/grafana/provisioning/datasources/prometheus.yml")).contains("url: http://" + listen + "\n"));
    }

    private static String applicationProperty(String key) {
        return read(Path.of("src/main/resources/application.properties")).lines().filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1)).findFirst().orElseThrow();
    }

    @Test
    void theServiceUsesItsOwnDatabaseRoleNotTheSuperuser() throws Exception {
        Map<String, String> service = environment(SERVICE);
        assertEquals("jdbc:postgresql://127.0.0.1:5432/helpline", service.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertTrue(DeploymentFiles.service("postgres").path("command").toString().contains("port=5432"));
        String init = read(Path.of("docker/postgres/init-helpline.sh"));
        assertTrue(init.contains("CREATE ROLE " + service.get("QUARKUS_DATASOURCE_USERNAME") + " LOGIN PASSWORD :'password';"));
        assertTrue(init.contains("CREATE DATABASE helpline OWNER " + service.get("QUARKUS_DATASOURCE_USERNAME") + ";"));
        assertEquals(environment("postgres").get("HELPLINE_DATABASE_PASSWORD"), service.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertNotEquals(environment("postgres").get("POSTGRES_PASSWORD"), service.get("QUARKUS_DATASOURCE_PASSWORD"));
        mountAt("postgres", "/docker-entrypoint-initdb.d/init-helpline.sh");
    }

    @Test
    void theReverseProxiesSendTheClientsAddressKeepStreamsUnbufferedAndMetricsInside() throws Exception {
        Map<String, String> service = environment(SERVICE);
        String upstream = service.get("QUARKUS_HTTP_HOST") + ":" + service.get("QUARKUS_HTTP_PORT");
        assertEquals("true", service.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
        assertEquals("127.0.0.1", service.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));

        String caddy = withoutComments(read(Path.of("docker/caddy/Caddyfile")), "#");
        assertTrue(caddy.contains("reverse_proxy " + upstream + " {"), caddy);
        assertTrue(caddy.contains("flush_interval -1"));
        assertTrue(caddy.contains("@internal path /q/metrics* /q/openapi*"));

        String nginx = withoutComments(read(Path.of("deploy/nginx/helpline-router.conf")), "#");
        assertTrue(nginx.contains("proxy_pass http://" + upstream + ";"));
        // The service takes X-Forwarded-For's first address: the proxy must replace the header, not append to it.
        assertTrue(nginx.contains("proxy_set_header X-Forwarded-For $remote_addr;"));
        assertFalse(nginx.contains("$proxy_add_x_forwarded_for"));
        assertTrue(nginx.contains("proxy_buffering off;"));
        assertTrue(nginx.contains("location ~ ^/q/(metrics|openapi"));
    }

    private static String withoutComments(String text, String marker) {
        return String.join("\n", text.lines().map(l -> l.contains(marker) ? l.substring(0, l.indexOf(marker)) : l).toList());
    }

    @Test
    void theAsteriskEntryPointRefusesAnExampleSecretAndAValueThatWouldAddASetting() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(environment(ASTERISK));
        env.put("HELPLINE_AMI_PASSWORD", DeploymentFiles.envFile(DeploymentFiles.ENV_EXAMPLE).get("HELPLINE_AMI_PASSWORD"));
        Run example = configureAsterisk(env, scratch.resolve("example"));
        assertEquals(1, example.exit());
        assertTrue(example.output().contains("still docker/.env.example's value"), example.output());

        env.put("HELPLINE_AMI_PASSWORD", "0123456789abcdef\nread = all");
        Run injected = configureAsterisk(env, scratch.resolve("injected"));
        assertEquals(1, injected.exit(), "a line break would give the AMI user a new setting");
        env.put("HELPLINE_AMI_PASSWORD", "0123456789abcdef;comment");
        assertEquals(1, configureAsterisk(env, scratch.resolve("comment")).exit(), "';' would cut the secret short");
        env.remove("HELPLINE_AMI_PASSWORD");
        Run missing = configureAsterisk(env, scratch.resolve("missing"));
        assertEquals(1, missing.exit());
        assertTrue(missing.output().contains("HELPLINE_AMI_PASSWORD is not set"), missing.output());
    }

    @Test
    void theGrafanaDashboardParsesAndEveryPanelQueriesTheProvisionedPrometheus() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(Path.of("docker/grafana/dashboards/helpline-router.json").toFile());
        assertEquals("helpline-router-lines", dashboard.path("uid").asText());
        String datasource = "helpline-prometheus";
        assertTrue(read(Path.of("docker/grafana/provisioning/datasources/prometheus.yml")).contains("uid: " + datasource));
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals(datasource, panel.path("datasource").path("uid").asText(), panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                assertFalse(target.path("expr").asText().isBlank(), panel.path("title").asText());
                queries++;
            }
        }
        assertTrue(queries >= 15, "queries: " + queries);
        assertEquals("line", dashboard.path("templating").path("list").get(0).path("name").asText());
        assertTrue(read(Path.of("docker/grafana/provisioning/dashboards/helpline-router.yml")).contains("path: /etc/grafana/dashboards"));
        mountAt("grafana", "/etc/grafana/dashboards");
        mountAt("grafana", "/etc/grafana/provisioning");
    }

    @Test
    void theShellScriptsParseAndAreExecutable() throws Exception {
        for (String script : List.of("scripts/backup-database", "scripts/restore-drill", "scripts/build-asterisk",
                "docker/asterisk/helpline-asterisk", "docker/postgres/init-helpline.sh")) {
            Path file = Path.of(script);
            assertTrue(Files.isExecutable(file), script + " is executable");
            String shell = read(file).startsWith("#!/bin/sh") ? "sh" : "bash";
            Run syntax = DeploymentFiles.run(List.of(shell, "-n", script), Map.of(), Duration.ofSeconds(10));
            assertEquals(0, syntax.exit(), script + ": " + syntax.output());
        }
    }
}
