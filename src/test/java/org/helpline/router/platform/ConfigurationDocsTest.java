package org.helpline.router.platform;

import io.smallrye.config.ConfigMapping;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every key of every {@code @ConfigMapping} is in the README's configuration table, with its environment variable. */
class ConfigurationDocsTest {

    @Test
    void readmeDocumentsEveryConfigurationKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> keys = new ArrayList<>();
        for (Class<?> mapping : mappings()) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
        }
        assertFalse(keys.isEmpty(), "no @ConfigMapping found");
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            String env = key.toUpperCase().replace('.', '_').replace('-', '_');
            if (!readme.contains("`" + key + "`") || !readme.contains("`" + env + "`")) {
                missing.add(key + " (" + env + ")");
            }
        }
        assertTrue(missing.isEmpty(), "README's configuration table lacks: " + missing);
    }

    private static List<Class<?>> mappings() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes");
        List<Class<?>> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("org.helpline.router")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, ConfigurationDocsTest.class.getClassLoader());
                if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                    result.add(type);
                }
            }
        }
        return result;
    }

    private static void collect(String prefix, Class<?> type, List<String> keys) {
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() > 0) {
                continue;
            }
            String key = prefix + "." + kebab(m.getName());
            Class<?> returned = m.getReturnType();
            if (returned.isInterface() && returned.getName().startsWith("org.helpline.router")
                    && !returned.equals(Optional.class)) {
                collect(key, returned, keys);
            } else {
                keys.add(key);
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
