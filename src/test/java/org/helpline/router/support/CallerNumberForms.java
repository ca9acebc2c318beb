package org.helpline.router.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The written forms a French caller number takes on a network and in a log, and a scan for any of them in a
 * text: what the privacy tests search a database dump and the service's log for.
 */
public final class CallerNumberForms {

    private CallerNumberForms() {
    }

    /**
     * Every form of a {@code +33} number the tests use: E.164, national, spaced, dotted, 00-prefixed, E.164
     * spaced, and the bare subscriber digits.
     */
    public static List<String> forms(String e164) {
        String subscriber = e164.substring(3);
        String national = "0" + subscriber;
        String spaced = national.replaceAll("(\\d\\d)(?=\\d)", "$1 ");
        return List.of(e164, national, spaced, spaced.replace(' ', '.'), "0033" + subscriber,
                "+33 " + subscriber.charAt(0) + " " + spaced.substring(3), subscriber);
    }

    /** The forms of these numbers that occur in {@code text}; empty when none does. */
    public static List<String> foundIn(String text, Collection<String> e164Numbers) {
        List<String> found = new ArrayList<>();
        for (String number : e164Numbers) {
            for (String form : forms(number)) {
                if (text.contains(form)) {
                    found.add(form);
                }
            }
        }
        return found;
    }
}
