package org.helpline.router.schedule.calendar;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** iCalendar imports and subscriptions: {@code helpline.calendar.*}. */
@ConfigMapping(prefix = "helpline.calendar")
public interface CalendarConfig {

    /** How far ahead of now events are imported and recurring events expanded. */
    @WithDefault("P400D")
    Duration horizon();

    /** Occurrences that ended longer ago than this are left out (and dropped at the next refresh). */
    @WithDefault("P31D")
    Duration lookBack();

    /**
     * How often each calendar is refreshed: subscriptions are fetched again, and every calendar (uploads too) is
     * re-expanded so that the import window moves on with time.
     */
    @WithDefault("1h")
    Duration refreshInterval();

    /** How often the service looks for calendars due for a refresh. */
    @WithDefault("1m")
    Duration checkInterval();

    /** The largest calendar accepted, uploaded or fetched. */
    @WithDefault("1M")
    MemorySize maxSize();

    /** The most occurrences one calendar may put on a line; beyond it the calendar is refused. */
    @WithDefault("20000")
    int maxOccurrences();

    /** Time allowed to connect to a subscription's server. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed to read a subscription's whole answer once connected. */
    @WithDefault("20s")
    Duration readTimeout();

    /** Accept {@code http://} subscriptions to a loopback address (127.0.0.1, ::1, localhost); for tests. */
    @WithDefault("false")
    boolean allowHttpLoopback();

    /** Accept {@code file:} URLs and absolute paths as subscriptions (read on the service's machine); for tests. */
    @WithDefault("false")
    boolean allowFiles();
}
