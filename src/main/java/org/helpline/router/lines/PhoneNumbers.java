package org.helpline.router.lines;

import java.util.regex.Pattern;

/** The shapes of numbers a line accepts. */
public final class PhoneNumbers {

    /** A published number in E.164: '+', country code, subscriber number, 8 to 15 digits in all. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    /** A number Asterisk can dial: E.164, a national number, or a national short code such as 3114, 15, 112. */
    public static final Pattern DIALABLE = Pattern.compile("\\+[1-9]\\d{6,14}|\\d{2,15}");

    /**
     * A crisis number accepted without configuration: a short national number of 2 to 6 digits not starting with
     * 0 (15, 112, 119, 3114, 116117). Longer numbers could be premium-rate or international: they need
     * {@code helpline.lines.allowed-crisis-numbers}.
     */
    public static final Pattern SHORT_NATIONAL = Pattern.compile("[1-9]\\d{1,5}");

    private PhoneNumbers() {
    }
}
