package org.helpline.router.asterisk.agi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.listeners.CallingChannels;
import org.helpline.router.listeners.ListenerCommands;
import org.helpline.router.listeners.ListenerCommands.Result;
import org.helpline.router.platform.PhoneNumberMask;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * AGI script {@code listener}, run by a listener's feature code on a Local channel that the phone's channel dials
 * with a time limit ({@code [helpline-feature]} in extensions.conf):
 * {@code AGI(agi://host:4573/listener,login|logout|pause|resume,<reason>,<phone channel>,<secret>)}. Identifies the
 * listener by the endpoint of the phone channel ({@code PJSIP/listener1-0000002a} is {@code PJSIP/listener1}), hands
 * the command to {@link ListenerCommands} and sets {@code HELPLINE_LISTENER_RESULT} (OK, UNKNOWN_LISTENER,
 * NOT_ALLOWED, UNAVAILABLE) for the confirmation prompt, which the dialplan copies back to the phone's channel.
 *
 * <p>The phone channel and the secret are only claims of the request: before anything else, {@link CallingChannels}
 * must confirm that this live channel holds this secret. A request without them, or whose claim is refuted,
 * answers NOT_ALLOWED whether or not the endpoint is a listener's (a forger learns nothing of who listens); an
 * unanswered one, UNAVAILABLE. The check and the command together get {@code helpline.agi.listener-command-timeout},
 * less than the dialplan waits, so the phone hears the answer the service gives rather than the dialplan's
 * "unavailable" while the command goes on.
 */
@ApplicationScoped
public class ListenerScript implements AgiScript {

    public static final String RESULT = "HELPLINE_LISTENER_RESULT";
    private static final Logger LOG = Logger.getLogger(ListenerScript.class);

    private final ListenerCommands commands;
    private final CallingChannels channels;
    private final DecisionDeadline deadline;
    private final AgiConfig config;
    private final MeterRegistry registry;

    ListenerScript(ListenerCommands commands, CallingChannels channels, DecisionDeadline deadline, AgiConfig config,
                   MeterRegistry registry) {
        this.commands = commands;
        this.channels = channels;
        this.deadline = deadline;
        this.config = config;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "listener";
    }

    @Override
    public void answer(AgiEnvironment environment, AgiSession session) throws IOException {
        long started = System.nanoTime();
        Result result = decide(FeatureCodeRequest.of(environment), environment.channel());
        Timer.builder("helpline.agi.decision").tags("script", name(), "action", result.name())
                .publishPercentiles(0.5, 0.99).register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        session.setVariable(RESULT, result.name());
    }

    /** The answer to one request; {@code agiChannel} (the Local channel) is for log lines only. */
    Result decide(FeatureCodeRequest request, String agiChannel) {
        long started = System.nanoTime();
        if (request.command() == null) {
            LOG.warnf("Feature code from %s with an unknown command: UNAVAILABLE", printable(agiChannel));
            return Result.UNAVAILABLE;
        }
        if (!request.claimsAPhone()) {
            LOG.warnf("Feature code %s from %s refused: it names no phone channel and secret (not Asterisk, or a "
                    + "dialplan older than this service: see [helpline-feature] in asterisk-config/extensions.conf)",
                    request.command(), printable(agiChannel));
            return Result.NOT_ALLOWED;
        }
        Duration budget = config.listenerCommandTimeout();
        Duration check = config.channelCheckTimeout().compareTo(budget) < 0 ? config.channelCheckTimeout() : budget;
        CallingChannels.Verdict verdict = deadline.within(check,
                () -> channels.verify(request.phoneChannel(), request.secret())).orElse(CallingChannels.Verdict.UNKNOWN);
        if (verdict == CallingChannels.Verdict.REFUTED) {
            LOG.warnf("Feature code %s claiming phone channel %s refused: Asterisk shows no such live channel holding "
                    + "the request's secret", request.command(), printable(request.phoneChannel()));
            return Result.NOT_ALLOWED;
        }
        String endpoint = request.endpoint();
        if (verdict != CallingChannels.Verdict.CONFIRMED) {
            LOG.infof("Feature code %s from %s: UNAVAILABLE (Asterisk could not confirm the phone channel)",
                    request.command(), endpoint);
            return Result.UNAVAILABLE;
        }
        Duration left = budget.minusNanos(System.nanoTime() - started);
        if (left.isNegative() || left.isZero()) {
            LOG.infof("Feature code %s from %s: UNAVAILABLE (no time left after the channel check)", request.command(),
                    endpoint);
            return Result.UNAVAILABLE;
        }
        Result result = deadline.within(left, () -> commands.onFeatureCode(endpoint, request.command(),
                request.reason())).orElse(Result.UNAVAILABLE);
        LOG.infof("Feature code %s from %s: %s", request.command(), endpoint, result);
        return result;
    }

    /** A channel name as a request gave it, fit for a log line: no control characters, no number. */
    private static String printable(String channel) {
        return channel == null ? "(no channel)" : PhoneNumberMask.mask(channel.replaceAll("\\p{Cntrl}", "?"));
    }
}
