package org.helpline.router.listeners;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a volunteer types into a softphone: the server (host and port) and transport, the username (also the
 * authentication username), and the password only in the response that set it. {@code sipUri} is the account's
 * address, what the QR code holds.
 */
public record SoftphoneSettings(String server, int port, String transport, String username,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String password, String sipUri) {

    static SoftphoneSettings of(String host, int port, String transport, String username, String password) {
        String t = transport.toLowerCase(java.util.Locale.ROOT);
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new SoftphoneSettings(host, port, t, username, password,
                "sip:" + username + "@" + hostPart + ":" + port + ";transport=" + t);
    }

    /** The same settings without the password. */
    SoftphoneSettings withoutPassword() {
        return new SoftphoneSettings(server, port, transport, username, null, sipUri);
    }
}
