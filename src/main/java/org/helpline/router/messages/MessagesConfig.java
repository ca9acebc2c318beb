package org.helpline.router.messages;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.helpline.router.platform.EmbeddedDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The lines' own messages: {@code helpline.messages.*}. */
@ConfigMapping(prefix = "helpline.messages")
public interface MessagesConfig {

    /**
     * The folder the service keeps in sync with the recordings stored in PostgreSQL, laid out as
     * {@code <line>/<language>/<name>.wav}; Asterisk reads it as {@code HELPLINE_MESSAGES_DIR} (same host or a
     * shared volume). Default {@code <data dir>/messages}.
     */
    Optional<String> directory();

    /** The largest upload accepted, checked before the body is read (at most {@code quarkus.http.limits.max-body-size}). */
    @WithDefault("10M")
    MemorySize maxUploadSize();

    /** The longest recording accepted. */
    @WithDefault("180s")
    Duration maxDuration();

    /**
     * How often the folder is checked against the database: missing or changed files are rewritten, files of
     * recordings no longer stored are removed (uploads made through another instance appear within this time).
     */
    @WithDefault("60s")
    Duration syncInterval();

    /** The folder in use: {@link #directory()} or {@code <data dir>/messages}. */
    default Path folder() {
        return directory().filter(d -> !d.isBlank()).map(Path::of)
                .orElseGet(() -> EmbeddedDatabase.dataDirectory().resolve("messages"));
    }
}
