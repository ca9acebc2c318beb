package org.helpline.router.asterisk.agi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.routing.CallRouter;
import org.helpline.router.routing.RoutedCall;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * AGI script {@code route}: {@code AGI(agi://host:4573/route[,lineCode[,callId]])}. Decides the call's route within
 * the decision deadline and answers with the variables of {@link RouteVariables}. When no decision comes in
 * time, it sets nothing: the dialplan then takes its static safe path (notice and crisis numbers).
 */
@ApplicationScoped
public class RouteScript implements AgiScript {

    private static final Logger LOG = Logger.getLogger(RouteScript.class);
    static final String FAILSAFE = "FAILSAFE";

    private final CallRouter router;
    private final DecisionDeadline deadline;
    private final AgiConfig config;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    RouteScript(CallRouter router, DecisionDeadline deadline, AgiConfig config, MeterRegistry registry) {
        this.router = router;
        this.deadline = deadline;
        this.config = config;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "route";
    }

    @Override
    public void answer(AgiEnvironment environment, AgiSession session) throws IOException {
        long started = System.nanoTime();
        // AGI(agi://host/route[,lineCode[,callId]]): the dialplan gives the call's id, the service adopts it.
        String givenCallId = environment.argument(2);
        Optional<RoutedCall> routed = deadline.within(config.decisionTimeout(), () -> router.route(givenCallId,
                environment.argument(1), environment.value("agi_dnid"), environment.value("agi_extension")));
        if (routed.isEmpty()) {
            record(started, FAILSAFE);
            LOG.warnf("No route decided for %s within %s: the dialplan's safe path answers",
                    environment.channel(), config.decisionTimeout());
            // The journal still counts the call, as FAILED.
            router.announceFailure(givenCallId, environment.callerNumber());
            return;
        }
        RoutedCall call = routed.get();
        try {
            for (Map.Entry<String, String> variable : RouteVariables.of(call).entrySet()) {
                if (session.hungUp()) {
                    break;
                }
                session.setVariable(variable.getKey(), variable.getValue());
            }
        } finally {
            record(started, call.decision().action().name());
            // The caller's number goes to the in-memory event only; nothing here logs it.
            router.announce(call, environment.callerNumber());
        }
        // DEBUG, not INFO: the journal and the meters keep every call; a line per call costs the route path
        // (formatting, the phone-number mask, a synchronised console write) while the session is still open.
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Call %s on line %s: %s%s", call.callId(), call.decision().lineCode(), call.decision().action(),
                    session.hungUp() ? " (caller hung up during routing)" : "");
        }
    }

    private void record(long started, String action) {
        // Registered once per action: a registry lookup per call showed in the route path's profile.
        timers.computeIfAbsent(action, a -> Timer.builder("helpline.agi.decision")
                        .description("Time from the end of the AGI request to the last variable acknowledged by Asterisk")
                        .tags("script", name(), "action", a)
                        .publishPercentiles(0.5, 0.99)
                        .register(registry))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
