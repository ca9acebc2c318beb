package org.helpline.router.journal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings the many ways a caller's number arrives (E.164, national, 00-prefixed, with spaces, dots, dashes or
 * a "(0)") to one form, so that the same person always gets the same pseudonym. Works in memory only.
 */
public final class CallerNumbers {

    /** What stands for a caller whose number is withheld, anonymous or unknown. Never hashed. */
    public static final String WITHHELD = "withheld";

    private static final Set<String> WITHHELD_WORDS = Set.of("anonymous", "unknown", "withheld", "private",
            "restricted", "unavailable", "anonyme", "inconnu", "masque", "masqué", "<unknown>");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-/()]");
    private static final Pattern DIGITS = Pattern.compile("\\+?\\d{2,20}");

    private CallerNumbers() {
    }

    /**
     * The normalised number: {@code +<country><subscriber>} when it can be read as such, otherwise the digits
     * as given; null when the caller is anonymous (then use {@link #WITHHELD}).
     *
     * @param raw         the number as Asterisk gave it, possibly null
     * @param countryCode the country of national numbers, e.g. {@code 33}
     */
    public static String normalise(String raw, String countryCode) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        if (trimmed.isEmpty() || WITHHELD_WORDS.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return null;
        }
        // "+33 (0)6 12 34 56 78": the trunk prefix in brackets is not dialled from abroad.
        String compact = trimmed.replace("(0)", "");
        compact = SEPARATORS.matcher(compact).replaceAll("");
        if (!DIGITS.matcher(compact).matches()) {
            return null;
        }
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        String national = "+" + countryCode + "0";
        if (compact.startsWith(national) && compact.length() == national.length() + 9) {
            compact = "+" + countryCode + compact.substring(national.length());
        }
        if (!compact.startsWith("+") && compact.startsWith(countryCode)
                && compact.length() == countryCode.length() + 9 && compact.charAt(countryCode.length()) != '0') {
            // Some trunks give E.164 without its '+'.
            compact = "+" + compact;
        }
        if (!compact.startsWith("+") && compact.length() == 10 && compact.charAt(0) == '0' && compact.charAt(1) != '0') {
            compact = "+" + countryCode + compact.substring(1);
        }
        return compact;
    }
}
