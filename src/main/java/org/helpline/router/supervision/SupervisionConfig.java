package org.helpline.router.supervision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;

/** Live supervision settings ({@code helpline.supervision.*}). */
@ConfigMapping(prefix = "helpline.supervision")
public interface SupervisionConfig {

    /** Local hour at which each line's service day (today's counts) starts. */
    @WithDefault("06:00")
    LocalTime serviceDayStart();

    /** Shortest interval between two updates of the supervision stream (coalescing). */
    @WithDefault("250ms")
    Duration streamInterval();

    /** An update is sent at least this often even when nothing changed (waits keep growing). */
    @WithDefault("5s")
    Duration streamHeartbeat();

    /** Supervision streams served at once in all; beyond it a new one is answered 503 with {@code Retry-After}. */
    @WithDefault("50")
    int maxStreams();

    /** Supervision streams one account may hold open at once (several tabs or screens); beyond it, 429. */
    @WithDefault("4")
    int maxStreamsPerAccount();

    /** How long after a caller leaves a queue without answer or abandon before it counts as timed out. */
    @WithDefault("1s")
    Duration leaveGrace();

    /** Talk time assumed for the wait estimate until a call has completed today. */
    @WithDefault("10m")
    Duration defaultTalkTime();

    /** Whether a listener who lets a call ring out is paused. */
    @WithDefault("true")
    boolean pauseOnNoAnswer();

    /** Time left for Asterisk's own autopause before the service pauses a listener who let a call ring out. */
    @WithDefault("1s")
    Duration noAnswerGrace();

    /** Pause reason given to a listener who let a call ring out. */
    @WithDefault("no answer")
    String noAnswerReason();

    /** Pause reason of the rest after a long call; a pause with this reason ends on its own. */
    @WithDefault("rest after long call")
    String longCallRestReason();
}
