package org.helpline.router.routing;

/**
 * Compares a number as a trunk delivers it (E.164 with '+', international with 00, country code without
 * prefix, national with the trunk prefix 0, or the bare national significant number) with a line's published
 * E.164 number.
 */
public final class DialledNumber {

    private static final int SHORTEST_SIGNIFICANT = 6;

    private DialledNumber() {
    }

    /**
     * Whether {@code dialled} designates {@code e164}. For +33800123456 these all match: +33800123456,
     * 0033800123456, 33800123456, 0800123456 and 800123456.
     */
    public static boolean matches(String dialled, String e164) {
        if (dialled == null || e164 == null || !e164.startsWith("+")) {
            return false;
        }
        String international = e164.substring(1);
        String raw = dialled.strip().replaceAll("[\\s.()-]", "");
        if (raw.startsWith("+")) {
            return raw.substring(1).equals(international);
        }
        if (!raw.matches("\\d+")) {
            return false;
        }
        if (raw.startsWith("00")) {
            return raw.substring(2).equals(international);
        }
        if (raw.equals(international)) {
            return true;
        }
        String significant = raw.startsWith("0") ? raw.substring(1) : raw;
        int countryCodeLength = international.length() - significant.length();
        return significant.length() >= SHORTEST_SIGNIFICANT && countryCodeLength >= 1 && countryCodeLength <= 3
                && international.endsWith(significant);
    }

    /** Whether {@code dialled} is exactly the E.164 number or its 00/country-code forms (no guessing). */
    public static boolean matchesExactly(String dialled, String e164) {
        if (dialled == null || e164 == null || !e164.startsWith("+")) {
            return false;
        }
        String raw = dialled.strip();
        String international = e164.substring(1);
        return raw.equals(e164) || raw.equals("00" + international) || raw.equals(international);
    }
}
