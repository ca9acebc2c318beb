package org.helpline.router.journal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The call journal's settings: {@code helpline.journal.*}. */
@ConfigMapping(prefix = "helpline.journal")
public interface JournalConfig {

    /** How long call records are kept before the purge deletes them (aggregates are kept). */
    @WithDefault("P180D")
    Duration retention();

    /** When the purge runs (Quarkus cron, seconds first); it is idempotent, so running it twice is harmless. */
    @WithDefault("0 30 3 * * ?")
    String purgeCron();

    /** How often the daily aggregates of recent days are recomputed from the records. */
    @WithDefault("15m")
    Duration aggregateEvery();

    /** A caller who leaves the queue within this many seconds is counted as a very short call, not an abandon. */
    @WithDefault("5")
    int shortCallSeconds();

    /** A queued call with no listener's answer and no end after this long is closed as FAILED. */
    @WithDefault("2h")
    Duration unansweredTimeout();

    /** How often buffered records are written to the database. */
    @WithDefault("1s")
    Duration flushEvery();

    /** At most this many records are written in one database batch. */
    @WithDefault("200")
    int batchSize();

    /** Records held in memory while waiting to be written; beyond this they go straight to the spill file. */
    @WithDefault("10000")
    int bufferSize();

    /** The spill file used while PostgreSQL is unreachable; default {@code <data dir>/journal-spill.jsonl}. */
    Optional<String> spillFile();

    /** The zone used to turn call instants into a service day when the line is unknown. */
    @WithDefault("Europe/Paris")
    String defaultZone();

    /**
     * How often the live view's "today" figures are read again from the journal (one query for every line); a
     * call appears there within this plus {@link #flushEvery()} of its end.
     */
    @WithDefault("2s")
    java.time.Duration todayRefresh();
}
