package org.helpline.router.asterisk.ami;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.listeners.CallingChannels;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link CallingChannels} over AMI with two {@code Getvar} actions on the named channel: {@code UNIQUEID} (it
 * must equal the request's) and {@code CHANNEL(appdata)} (it must be a FastAGI call of the {@code listener}
 * script). {@code Getvar} answers one channel with one response, and the service's AMI user may already run it
 * with the write class {@code reporting} it has for {@code CoreShowChannels}: no new privilege is needed.
 * Asterisk answers {@code No such channel} for a name no live channel has.
 */
@ApplicationScoped
class AmiCallingChannels implements CallingChannels {

    private static final Logger LOG = Logger.getLogger(AmiCallingChannels.class);
    /** The data of {@code AGI(agi://host:port/listener,...)} while it runs ({@code hagi://} for SRV failover). */
    private static final Pattern LISTENER_SCRIPT = Pattern.compile("(?i)h?agi://[^/,]+/listener([?,].*)?");

    private final AmiConnection ami;
    private volatile boolean refusalLogged;

    AmiCallingChannels(AmiConnection ami) {
        this.ami = ami;
    }

    @Override
    public Verdict verify(String channel, String uniqueId) {
        if (channel == null || uniqueId == null) {
            return Verdict.REFUTED;
        }
        try {
            Answer id = getvar(channel, "UNIQUEID");
            if (id.verdict() != null) {
                return id.verdict();
            }
            if (!uniqueId.equals(id.value())) {
                return Verdict.REFUTED;
            }
            Answer data = getvar(channel, "CHANNEL(appdata)");
            if (data.verdict() != null) {
                return data.verdict();
            }
            return data.value() != null && LISTENER_SCRIPT.matcher(data.value()).matches()
                    ? Verdict.CONFIRMED : Verdict.REFUTED;
        } catch (AmiConnection.AmiUnavailable e) {
            return Verdict.UNKNOWN;
        }
    }

    /** The variable's value, or the verdict an error response gives. */
    private Answer getvar(String channel, String variable) {
        AmiMessage r = ami.execute(Map.of("Action", "Getvar", "Channel", channel, "Variable", variable));
        if ("Success".equalsIgnoreCase(r.response())) {
            String value = r.get("Value");
            return new Answer(value == null ? null : value.strip(), null);
        }
        String message = r.get("Message") == null ? "" : r.get("Message");
        if (message.toLowerCase(java.util.Locale.ROOT).contains("no such channel")) {
            return new Answer(null, Verdict.REFUTED);
        }
        if (!refusalLogged) {
            refusalLogged = true;
            LOG.errorf("Asterisk refused Getvar (%s): feature codes answer UNAVAILABLE until the AMI user may run it "
                    + "(write class reporting, as in asterisk-config/manager.conf)", message);
        }
        return new Answer(null, Verdict.UNKNOWN);
    }

    private record Answer(String value, Verdict verdict) {
    }
}
