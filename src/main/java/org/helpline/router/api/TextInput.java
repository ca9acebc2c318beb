package org.helpline.router.api;

/**
 * What text the API accepts in any string it reads: no control character (C0 such as NUL, tab or line
 * breaks, DEL, C1) and no lone UTF-16 surrogate. Such characters have no place in a name, label, reason or
 * code; PostgreSQL refuses NUL outright, and line breaks would forge lines in AMI headers, logs and CSV.
 */
public final class TextInput {

    /** The message of the problem naming the field. */
    public static final String REFUSED = "must not contain control characters (such as NUL, tab or line breaks)";

    private TextInput() {
    }

    /** Whether the text holds a character the API refuses. */
    public static boolean refused(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
