package org.helpline.router.messages;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generic prompts shipped with the project ({@code asterisk-config/sounds/<language>/helpline/<name>.wav}),
 * which the build copies into the service's resources: what a message sounds like while the line has no
 * recording of its own, and what {@code GET} returns then.
 */
@ApplicationScoped
public class GenericPrompts {

    static final String RESOURCES = "helpline-prompts/";

    private final Map<String, Prompt> cache = new ConcurrentHashMap<>();

    /** A shipped prompt: its audio and its length. */
    public record Prompt(byte[] wav, int durationMillis, String sha256) {
    }

    public Prompt of(MessageName name, String language) {
        return cache.computeIfAbsent(language + "/" + name.fileName(), this::load);
    }

    private Prompt load(String key) {
        String path = RESOURCES + key.replace("/", "/helpline/") + ".wav";
        try (InputStream in = GenericPrompts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The generic prompt " + path + " is missing from the build");
            }
            byte[] wav = in.readAllBytes();
            return new Prompt(wav, TelephoneAudio.durationMillis(wav), TelephoneAudio.sha256(wav));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
