package org.helpline.router.listeners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * SIP passwords: generated from a CSPRNG, typed once into a softphone, then kept only as the digest Asterisk's
 * {@code password_digest} needs.
 */
public final class SipCredentials {

    /** Lower-case letters and digits without the look-alikes 0/o, 1/l/i: easy to type on a phone keyboard. */
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    /** Random characters in a password: 20 × log2(31) ≈ 99 bits. */
    static final int RANDOM_CHARACTERS = 20;
    private static final int GROUP = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SipCredentials() {
    }

    /** A new password: five groups of four characters joined by dashes, e.g. {@code k7qm-3xta-...}. */
    public static String newPassword() {
        StringBuilder b = new StringBuilder(RANDOM_CHARACTERS + RANDOM_CHARACTERS / GROUP);
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            if (i > 0 && i % GROUP == 0) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /**
     * What PJSIP's {@code password_digest} takes: {@code md5:} and the lower-case hex of MD5("username:realm:password")
     * (RFC 2617's HA1; pjsip feeds it, as text, into the response it expects, hence lower case).
     */
    public static String digest(String username, String realm, String password) {
        try {
            byte[] hash = MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            return "md5:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
