package org.helpline.router.asterisk.agi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.listeners.CallingChannels;
import org.helpline.router.listeners.ListenerCommands;
import org.helpline.router.listeners.ListenerCommands.Command;
import org.helpline.router.listeners.ListenerCommands.Result;
import org.helpline.router.platform.PhoneNumberMask;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AGI script {@code listener}: {@code AGI(agi://host:4573/listener,login|logout|pause|resume[,reason])}, run
 * by a listener's feature code. Identifies the listener by the endpoint of the calling channel
 * ({@code PJSIP/listener1-0000002a} is {@code PJSIP/listener1}), hands the command to {@link ListenerCommands}
 * and sets {@code HELPLINE_LISTENER_RESULT} (OK, UNKNOWN_LISTENER, NOT_ALLOWED, UNAVAILABLE) for the
 * confirmation prompt. An unknown command word or a slow answer gives UNAVAILABLE.
 *
 * <p>The channel name is only a claim of the request: before anything else, {@link CallingChannels} must
 * confirm that a live channel with that name and {@code agi_uniqueid} is running this script. A refuted claim
 * answers NOT_ALLOWED, whether or not the endpoint is a listener's (a forger learns nothing of who listens); an
 * unanswered one, UNAVAILABLE.
 */
@ApplicationScoped
public class ListenerScript implements AgiScript {

    public static final String RESULT = "HELPLINE_LISTENER_RESULT";
    private static final Logger LOG = Logger.getLogger(ListenerScript.class);
    /** Technology/resource followed by Asterisk's per-channel suffix. */
    private static final Pattern CHANNEL = Pattern.compile("^([A-Za-z0-9_]+/[^/;]+?)-[0-9a-fA-F]+(;\\d+)?$");

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
        Result result = decide(environment);
        Timer.builder("helpline.agi.decision").tags("script", name(), "action", result.name())
                .publishPercentiles(0.5, 0.99).register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        session.setVariable(RESULT, result.name());
    }

    private Result decide(AgiEnvironment environment) {
        String endpoint = endpoint(environment.channel());
        Command command = command(environment.argument(1));
        if (command == null) {
            LOG.warnf("Feature code from %s with an unknown command: UNAVAILABLE", environment.channel());
            return Result.UNAVAILABLE;
        }
        if (endpoint == null) {
            return Result.UNKNOWN_LISTENER;
        }
        CallingChannels.Verdict verdict = deadline.within(config.channelCheckTimeout(),
                () -> channels.verify(environment.channel(), environment.value("agi_uniqueid")))
                .orElse(CallingChannels.Verdict.UNKNOWN);
        if (verdict == CallingChannels.Verdict.REFUTED) {
            LOG.warnf("Feature code %s claiming channel %s refused: Asterisk has no such live channel running the "
                    + "listener script", command, printable(environment.channel()));
            return Result.NOT_ALLOWED;
        }
        if (verdict != CallingChannels.Verdict.CONFIRMED) {
            LOG.infof("Feature code %s from %s: UNAVAILABLE (Asterisk could not confirm the channel)", command,
                    endpoint);
            return Result.UNAVAILABLE;
        }
        String reason = environment.argument(2);
        Result result = deadline.within(config.listenerCommandTimeout(),
                () -> commands.onFeatureCode(endpoint, command, reason)).orElse(Result.UNAVAILABLE);
        LOG.infof("Feature code %s from %s: %s", command, endpoint, result);
        return result;
    }

    /** {@code PJSIP/listener1-0000002a} → {@code PJSIP/listener1}; null when the channel has no such shape. */
    static String endpoint(String channel) {
        if (channel == null) {
            return null;
        }
        Matcher m = CHANNEL.matcher(channel);
        return m.matches() ? m.group(1) : null;
    }

    /** A channel name as a request gave it, fit for a log line: no control characters, no number. */
    private static String printable(String channel) {
        return PhoneNumberMask.mask(channel.replaceAll("\\p{Cntrl}", "?"));
    }

    private static Command command(String word) {
        if (word == null) {
            return null;
        }
        try {
            return Command.valueOf(word.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
