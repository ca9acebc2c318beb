package org.helpline.router.platform;

import java.util.regex.Pattern;

/**
 * Replaces anything in a text that looks like a phone number with {@value #MASK}: E.164 ({@code +33612345678},
 * {@code +33 6 12 34 56 78}, {@code +33 (0)6…}), 00-prefixed international numbers, French national numbers
 * with or without spaces, dots or dashes ({@code 06 12 34 56 78}), and any other bare run of 9 to 15 digits.
 * A match must stand apart from letters, digits and the punctuation that glues identifiers together, so UUIDs,
 * timestamps, IP addresses, ports and durations are left alone. It errs on the side of masking.
 */
public final class PhoneNumberMask {

    /** What a masked number becomes. */
    public static final String MASK = "[number]";

    private static final String BEFORE = "(?<![\\w+.:/\\-])";
    private static final String AFTER = "(?![\\w]|[.:/\\-]\\w)";
    private static final String SEP = "[ .\\-]?";
    private static final Pattern NUMBER = Pattern.compile(BEFORE + "(?:"
            // +33 6 12 34 56 78, +33612345678, +33 (0)6 12 34 56 78, +1-202-555-0143
            + "\\+\\d{1,3}(?:\\s?\\(0\\))?(?:" + SEP + "\\d){6,13}"
            // 0033612345678, 00 33 6 12 34 56 78
            + "|00" + SEP + "[1-9]\\d{0,2}(?:" + SEP + "\\d){6,13}"
            // 0612345678, 06 12 34 56 78, 06.12.34.56.78, 0800 123 456
            + "|0[1-9](?:" + SEP + "\\d){8}"
            // anything else: 9 to 15 digits in one run
            + "|\\d{9,15}"
            + ")" + AFTER);

    private PhoneNumberMask() {
    }

    /** The text with every phone-number-like part replaced; null stays null. */
    public static String mask(String text) {
        if (text == null || text.length() < 8) {
            return text;
        }
        return NUMBER.matcher(text).replaceAll(MASK);
    }
}
