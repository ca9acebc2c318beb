package org.helpline.router.asterisk.ami;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The AMI link on {@code /q/metrics}, so an alert can watch what readiness only reports as a detail: whether the
 * link is logged in and resynchronised, its state, how often it came up, was lost or refused, and events dropped
 * because the queue to the worker was full. Counters start at zero at start-up, so every series exists before the
 * first incident and a rule over {@code increase()} sees the first one.
 */
final class AmiLinkMeters {

    private final Counter resyncs;
    private final Counter lost;
    private final Counter loginRefused;
    private final Counter overflows;
    private final Counter dropped;

    AmiLinkMeters(MeterRegistry registry) {
        resyncs = Counter.builder("helpline.ami.resyncs")
                .description("Times the AMI link logged in and resynchronised every queue (the first connection included)")
                .register(registry);
        lost = Counter.builder("helpline.ami.link.lost")
                .description("Times a logged-in AMI link was lost (closed, silent to pings, or dropped after an overflow)")
                .register(registry);
        loginRefused = Counter.builder("helpline.ami.login.refused")
                .description("AMI logins Asterisk refused (wrong user or secret)").register(registry);
        overflows = Counter.builder("helpline.ami.event.queue.overflows")
                .description("Times the AMI event queue was full, which drops the link to resynchronise").register(registry);
        dropped = Counter.builder("helpline.ami.events.dropped")
                .description("AMI events (or resync items) dropped because the event queue was full").register(registry);
    }

    /** Gauges read from the link itself: 1/0 for logged in, one series per state, and the events waiting. */
    void watch(MeterRegistry registry, Supplier<Boolean> connected, Supplier<AmiLinkState> state, IntSupplier queued) {
        Gauge.builder("helpline.ami.connected", connected, c -> c.get() ? 1 : 0)
                .description("1 while the AMI link is logged in and resynchronised, else 0")
                .strongReference(true).register(registry);
        for (AmiLinkState s : AmiLinkState.values()) {
            Gauge.builder("helpline.ami.state", state, current -> current.get() == s ? 1 : 0).tag("state", s.name())
                    .description("1 for the AMI link's current state (CONNECTED, CONNECTING, DOWN, LOGIN_REFUSED, DISABLED)")
                    .strongReference(true).register(registry);
        }
        Gauge.builder("helpline.ami.event.queue.size", queued, IntSupplier::getAsInt)
                .description("AMI events waiting for the worker that applies them").strongReference(true).register(registry);
    }

    void resynced() {
        resyncs.increment();
    }

    void linkLost() {
        lost.increment();
    }

    void loginRefused() {
        loginRefused.increment();
    }

    void overflowed() {
        overflows.increment();
    }

    void dropped() {
        dropped.increment();
    }
}
