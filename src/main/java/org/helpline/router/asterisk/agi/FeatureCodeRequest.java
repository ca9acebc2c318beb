package org.helpline.router.asterisk.agi;

import org.helpline.router.listeners.ListenerCommands.Command;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code listener} FastAGI request claims, as the dialplan's {@code [helpline-feature-ask]} writes it:
 * {@code AGI(agi://host:4573/listener,<command>,<reason>,<phone channel>,<secret>)}. The script runs on a Local
 * channel ({@code agi_channel} is {@code Local/login-@helpline-feature-ask-00000012;2}), so the listener is found by
 * the phone channel the third argument names, once {@link org.helpline.router.listeners.CallingChannels} has
 * confirmed that this channel holds the secret of the fourth. Every field is only a claim until then.
 *
 * @param command      the command word of the first argument, or null when absent or not one of the four
 * @param reason       the pause reason code of the second argument, or null
 * @param phoneChannel the listener's phone channel, e.g. {@code PJSIP/listener1-0000002a}, or null
 * @param secret       the one-time secret the dialplan set on the phone channel, or null
 */
record FeatureCodeRequest(Command command, String reason, String phoneChannel, String secret) {

    /** Technology/resource followed by Asterisk's per-channel suffix; a Local half ({@code ;2}) is no phone. */
    private static final Pattern CHANNEL = Pattern.compile("^([A-Za-z0-9_]+/[^/;]+?)-[0-9a-fA-F]+$");

    static FeatureCodeRequest of(AgiEnvironment environment) {
        return new FeatureCodeRequest(command(environment.argument(1)), environment.argument(2),
                environment.argument(3), environment.argument(4));
    }

    /** The listener's endpoint: the phone channel without its suffix, or null when it names no phone. */
    String endpoint() {
        return endpoint(phoneChannel);
    }

    /** Whether the request carries what its origin is checked by: a phone channel and a secret. */
    boolean claimsAPhone() {
        return endpoint() != null && secret != null;
    }

    /** {@code PJSIP/listener1-0000002a} → {@code PJSIP/listener1}; null when the channel has no such shape. */
    static String endpoint(String channel) {
        if (channel == null) {
            return null;
        }
        Matcher m = CHANNEL.matcher(channel);
        return m.matches() ? m.group(1) : null;
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

    /** Names the command and the claimed phone channel only: the secret is never written anywhere. */
    @Override
    public String toString() {
        return "FeatureCodeRequest[command=" + command + ", phoneChannel=" + phoneChannel + "]";
    }
}
