package org.helpline.router.listeners;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Usernames of generated SIP accounts. One name is the PJSIP endpoint, auth and aor ids, the SIP user part and the
 * queue member interface {@code PJSIP/<name>}, so it keeps to what all of these accept: lower-case ASCII letters,
 * digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, at most {@value #MAX} characters.
 */
final class SipUsernames {

    static final int MAX = 40;
    static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX - 1) + "}");
    /**
     * Section names of {@code asterisk-config/pjsip.conf}: a generated account of that name would merge with them
     * (an endpoint named {@code trunk} would take the trunk's calls).
     */
    static final Set<String> RESERVED = Set.of("global", "system", "trunk", "trunk-template", "trunk-identify",
            "transport-udp", "transport-tcp", "transport-tls", "listener-endpoint", "listener-auth", "listener-aor",
            "anonymous", "asterisk");

    private SipUsernames() {
    }

    /** Why a username given by an operator is refused, or null when it is fine (its uniqueness aside). */
    static String problem(String name) {
        if (!VALID.matcher(name).matches()) {
            return "1 to " + MAX + " lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";
        }
        if (RESERVED.contains(name) || name.startsWith("transport-") || name.startsWith("trunk")) {
            return "is the name of another object of pjsip.conf";
        }
        return null;
    }

    /**
     * A free username derived from a display name: the prefix, then the name in lower-case ASCII with accents
     * dropped and every other run of characters made one dash ({@code Marie-Hélène D.} → {@code ecoutant-marie-helene-d}),
     * then {@code -2}, {@code -3}… until {@code taken} says no.
     */
    static String derive(String prefix, String displayName, Predicate<String> taken) {
        String slug = slug(displayName);
        String base = slug.isEmpty() ? prefix + "1" : prefix + slug;
        base = trim(base, MAX - 4);
        if (problem(base) != null) {
            base = trim("listener-" + slug, MAX - 4);
        }
        String candidate = base;
        for (int n = 2; taken.test(candidate) || problem(candidate) != null; n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String trim(String name, int max) {
        String t = name.length() > max ? name.substring(0, max) : name;
        return t.replaceAll("[-._]+$", "");
    }
}
