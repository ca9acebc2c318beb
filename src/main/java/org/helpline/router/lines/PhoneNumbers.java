package org.helpline.router.lines;

import java.util.regex.Pattern;

/** The shapes of numbers a line accepts. */
public final class PhoneNumbers {

    /** A published number in E.164: '+', country code, subscriber number, 8 to 15 digits in all. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    /** A number Asterisk can dial: E.164, a national number, or a national short code such as 3114, 15, 112. */
    public static final Pattern DIALABLE = Pattern.compile("\\+[1-9]\\d{6,14}|\\d{2,15}");

    private PhoneNumbers() {
    }
}
