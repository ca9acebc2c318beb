package org.helpline.router.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a password must be, for accounts created through the API and for the bootstrap operator alike. The
 * shortest length counts characters (Unicode code points: {@code é} is one), because that is what a person
 * types; the longest counts UTF-8 bytes, because bcrypt reads at most {@value #MAX_BYTES} bytes and would
 * silently ignore the rest — a longer password is refused rather than cut.
 */
public final class PasswordPolicy {

    /** bcrypt's input limit. */
    public static final int MAX_BYTES = 72;

    private final int minLength;

    /** @param minLength the shortest password accepted, in characters ({@code helpline.accounts.min-password-length}) */
    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** What is wrong with a password, in words fit for a problem document; empty when it is acceptable. */
    public Optional<String> problem(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int characters = password.codePointCount(0, password.length());
        if (characters < minLength) {
            return Optional.of("must be at least " + minLength + " characters (it has " + characters + ")");
        }
        int bytes = bytes(password);
        if (bytes > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt's limit; it has " + bytes
                    + ": letters with accents take 2 bytes, most other scripts 3)");
        }
        return Optional.empty();
    }

    /** Whether bcrypt can check this password whole (a login with a longer one is refused without a check). */
    static boolean fitsBcrypt(String password) {
        // Every char takes at least one byte: a long string is refused before it is encoded.
        return password.length() <= MAX_BYTES && bytes(password) <= MAX_BYTES;
    }

    private static int bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length;
    }
}
