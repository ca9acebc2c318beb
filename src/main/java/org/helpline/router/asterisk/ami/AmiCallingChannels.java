package org.helpline.router.asterisk.ami;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.listeners.CallingChannels;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link CallingChannels} over AMI: one {@code Getvar} of {@value #SECRET_VARIABLE} on the named phone channel, whose
 * value must equal the request's secret. The dialplan ({@code [helpline-feature]}) sets it on the phone's channel
 * before it dials the Local channel that runs the {@code listener} script, and clears it as soon as that Dial
 * returns, so a secret is good for one feature code for at most a few seconds. {@code Getvar} answers one channel
 * with one response, and the service's AMI user may run it with the write class {@code reporting} it has for
 * {@code CoreShowChannels}: no new privilege is needed. Asterisk answers {@code No such channel} for a name no live
 * channel has.
 *
 * <p>Nothing is asked for a request without a well-formed secret or channel: an empty {@code Channel} header would
 * make {@code Getvar} read a global variable, and an empty secret would match a channel that has none.
 */
@ApplicationScoped
class AmiCallingChannels implements CallingChannels {

    /** The phone channel's variable holding the feature code's secret (extensions.conf {@code [helpline-feature]}). */
    static final String SECRET_VARIABLE = "HELPLINE_FEATURE_NONCE";
    private static final Logger LOG = Logger.getLogger(AmiCallingChannels.class);
    /** What the dialplan's {@code SHA1()} writes: 40 lowercase hexadecimal digits. */
    private static final Pattern SECRET = Pattern.compile("^[0-9a-f]{40}$");
    /** A device channel's name: technology, resource, Asterisk's suffix; no Local half ({@code ;2}), no space. */
    private static final Pattern PHONE_CHANNEL = Pattern.compile("^[A-Za-z0-9_]+/[^/;\\s\\p{Cntrl}]+-[0-9a-fA-F]+$");

    private final AmiConnection ami;
    private volatile boolean refusalLogged;

    AmiCallingChannels(AmiConnection ami) {
        this.ami = ami;
    }

    @Override
    public Verdict verify(String phoneChannel, String secret) {
        if (phoneChannel == null || secret == null || !PHONE_CHANNEL.matcher(phoneChannel).matches()
                || !SECRET.matcher(secret).matches()) {
            return Verdict.REFUTED;
        }
        AmiMessage r;
        try {
            r = ami.execute(Map.of("Action", "Getvar", "Channel", phoneChannel, "Variable", SECRET_VARIABLE));
        } catch (AmiConnection.AmiUnavailable e) {
            return Verdict.UNKNOWN;
        }
        if ("Success".equalsIgnoreCase(r.response())) {
            String value = r.get("Value") == null ? "" : r.get("Value").strip();
            // Compared in constant time: how long the answer takes tells nothing of how much of a guess was right.
            return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), secret.getBytes(StandardCharsets.US_ASCII))
                    ? Verdict.CONFIRMED : Verdict.REFUTED;
        }
        String message = r.get("Message") == null ? "" : r.get("Message");
        if (message.toLowerCase(Locale.ROOT).contains("no such channel")) {
            return Verdict.REFUTED;
        }
        if (!refusalLogged) {
            refusalLogged = true;
            LOG.errorf("Asterisk refused Getvar (%s): feature codes answer UNAVAILABLE until the AMI user may run it "
                    + "(write class reporting, as in asterisk-config/manager.conf)", message);
        }
        return Verdict.UNKNOWN;
    }
}
