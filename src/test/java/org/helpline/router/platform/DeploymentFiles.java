package org.helpline.router.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's deployment files (docker/, deploy/, asterisk-config/) read the way the tools that use them read
 * them: the Compose file with its variables resolved from {@code docker/.env.example}, Asterisk's configuration
 * files with their includes, systemd units, and the Asterisk image's entry point run for real against a scratch
 * folder. Shared by the {@code Deployment*} tests.
 */
final class DeploymentFiles {

    static final Path COMPOSE = Path.of("docker/docker-compose.yml");
    static final Path ENV_EXAMPLE = Path.of("docker/.env.example");
    static final Path ASTERISK_CONFIG = Path.of("asterisk-config");
    static final Path ASTERISK_ENTRYPOINT = Path.of("docker/asterisk/helpline-asterisk");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private DeploymentFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
    }

    static JsonNode service(String name) throws IOException {
        JsonNode service = compose().path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** {@code KEY=value} lines of an env file (docker/.env.example, the systemd EnvironmentFile example). */
    static Map<String, String> envFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
                values.put(l.substring(0, l.indexOf('=')).strip(), l.substring(l.indexOf('=') + 1).strip());
            }
        }
        return values;
    }

    /** docker/.env.example as an operator fills it in: every change-me value replaced by a secret of its own. */
    static Map<String, String> filledInEnv() {
        Map<String, String> values = new LinkedHashMap<>(envFile(ENV_EXAMPLE));
        values.replaceAll((key, value) -> value.contains("change-me")
                ? value.replaceAll("change-me[A-Za-z0-9-]*", "s" + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)))
                : value);
        return values;
    }

    /** The names of the variables a text uses as Compose does: {@code ${NAME}}, {@code ${NAME:-default}}... */
    static List<String> variables(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Compose's interpolation: {@code ${A}}, {@code ${A:-default}}, {@code ${A-default}}, {@code ${A:?error}}. */
    static String resolve(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            String op = m.group(2);
            if (op != null && op.endsWith("-") && (value == null || (op.startsWith(":") && value.isEmpty()))) {
                value = m.group(3);
            } else if (op != null && op.endsWith("?") && (value == null || value.isEmpty())) {
                throw new AssertionError(m.group(1) + " is required: " + m.group(3));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A service's environment as written (mapping or list form), variables not resolved. */
    static Map<String, String> rawEnvironment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(e -> env.put(e.asText().split("=", 2)[0], e.asText().contains("=") ? e.asText().split("=", 2)[1] : ""));
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return env;
    }

    /** A service's environment with the variables of the filled-in .env resolved. */
    static Map<String, String> environment(String service) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(rawEnvironment(service(service)));
        Map<String, String> values = filledInEnv();
        env.replaceAll((k, v) -> resolve(v, values));
        return env;
    }

    /** A {@code volumes:} entry in Compose's short syntax. */
    record Mount(String source, String target, boolean readOnly) {

        boolean named() {
            return !source.startsWith(".") && !source.startsWith("/") && !source.startsWith("$");
        }
    }

    /** A service's volumes, variables resolved from the filled-in .env. */
    static List<Mount> mounts(String service) throws IOException {
        List<Mount> mounts = new ArrayList<>();
        Map<String, String> values = filledInEnv();
        for (JsonNode v : service(service).path("volumes")) {
            String[] parts = resolve(v.asText(), values).split(":");
            mounts.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
        }
        return mounts;
    }

    static Mount mountAt(String service, String target) throws IOException {
        List<Mount> mounts = mounts(service);
        return mounts.stream().filter(m -> m.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target + ": " + mounts));
    }

    /** One {@code key = value} setting of an Asterisk configuration file, in file order. */
    record Setting(String section, String key, String value) {
    }

    /**
     * An Asterisk configuration file as Asterisk reads it: comments dropped, {@code #include}/{@code #tryinclude}
     * of a file of the same folder read in place (a missing one skipped), {@code [section]} and
     * {@code [section](template)} headers, {@code key = value} and {@code key => value} lines.
     */
    static List<Setting> asteriskConfig(Path file) throws IOException {
        List<Setting> settings = new ArrayList<>();
        read(file, file.getParent(), "", settings);
        return settings;
    }

    private static String read(Path file, Path dir, String section, List<Setting> out) throws IOException {
        for (String raw : Files.readAllLines(file)) {
            int comment = raw.indexOf(';');
            String line = (comment < 0 ? raw : raw.substring(0, comment)).strip();
            if (line.startsWith("#include") || line.startsWith("#tryinclude")) {
                Path included = dir.resolve(line.substring(line.indexOf(' ') + 1).strip());
                if (Files.exists(included)) {
                    section = read(included, dir, section, out);
                }
            } else if (line.startsWith("[")) {
                section = line.substring(1, line.indexOf(']'));
            } else if (line.contains("=")) {
                String key = line.substring(0, line.indexOf('=')).strip();
                String value = line.substring(line.indexOf('=') + 1);
                out.add(new Setting(section, key, (value.startsWith(">") ? value.substring(1) : value).strip()));
            }
        }
        return section;
    }

    static List<String> values(List<Setting> settings, String section, String key) {
        return settings.stream().filter(s -> s.section().equals(section) && s.key().equals(key)).map(Setting::value).toList();
    }

    static String value(List<Setting> settings, String section, String key) {
        List<String> found = values(settings, section, key);
        if (found.size() != 1) {
            throw new AssertionError("[" + section + "] " + key + ": expected one value, found " + found);
        }
        return found.get(0);
    }

    /** A systemd unit: section, then key, then every value it is given, in order. */
    static Map<String, Map<String, List<String>>> unit(Path file) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        String section = "";
        for (String raw : read(file).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.indexOf(']'));
                sections.putIfAbsent(section, new LinkedHashMap<>());
            } else {
                sections.get(section).computeIfAbsent(line.substring(0, line.indexOf('=')).strip(), k -> new ArrayList<>())
                        .add(line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return sections;
    }

    /** The last value a unit gives a key (systemd's rule for single-valued settings), or null. */
    static String unitValue(Map<String, Map<String, List<String>>> unit, String section, String key) {
        List<String> values = unit.getOrDefault(section, Map.of()).get(key);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** The unit's {@code Environment=NAME=value} settings. */
    static Map<String, String> unitEnvironment(Map<String, Map<String, List<String>>> unit) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : unit.getOrDefault("Service", Map.of()).getOrDefault("Environment", List.of())) {
            env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        return env;
    }

    /** What a child process did. */
    record Run(int exit, String output) {
    }

    static Run run(List<String> command, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The numeric group of this process, which the entry point may give its files in a test. */
    static long primaryGroup() {
        return new com.sun.security.auth.module.UnixSystem().getGid();
    }

    /**
     * Runs the Asterisk image's entry point up to the start of Asterisk, with this environment, against a copy of
     * asterisk-config/ and a scratch /etc/asterisk.
     */
    static Run configureAsterisk(Map<String, String> env, Path etc) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("HELPLINE_ASTERISK_CONFIG", ASTERISK_CONFIG.toAbsolutePath().toString());
        all.put("ASTERISK_ETC", etc.toAbsolutePath().toString());
        all.put("ASTERISK_GROUP", String.valueOf(primaryGroup()));
        return run(List.of("sh", ASTERISK_ENTRYPOINT.toString(), "--configure-only"), all, Duration.ofSeconds(20));
    }
}
