package org.helpline.router.messages;

import org.helpline.router.lines.LineMessage;

import java.time.Instant;

/**
 * One message of a line in one language as the API lists it: custom (the line's own recording) or the generic
 * prompt, with its length and size; who uploaded it and when are null for a generic prompt.
 */
public record MessageEntry(String name,
                           String language,
                           boolean custom,
                           double durationSeconds,
                           int sizeBytes,
                           String sha256,
                           Instant uploadedAt,
                           String uploadedBy) {

    static MessageEntry custom(LineMessage.Summary m) {
        return new MessageEntry(m.name(), m.language(), true, seconds(m.durationMillis()), m.sizeBytes(),
                m.sha256(), m.uploadedAt(), m.uploadedBy());
    }

    static MessageEntry generic(MessageName name, String language, GenericPrompts.Prompt prompt) {
        return new MessageEntry(name.fileName(), language, false, seconds(prompt.durationMillis()),
                prompt.wav().length, prompt.sha256(), null, null);
    }

    private static double seconds(int millis) {
        return millis / 1000.0;
    }
}
