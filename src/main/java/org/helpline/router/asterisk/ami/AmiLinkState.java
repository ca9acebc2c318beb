package org.helpline.router.asterisk.ami;

/** What the AMI link is doing, as the readiness check reports it. */
public enum AmiLinkState {
    DISABLED("disabled"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    DOWN("down"),
    LOGIN_REFUSED("login refused");

    private final String words;

    AmiLinkState(String words) {
        this.words = words;
    }

    /** The state in words, e.g. {@code login refused}. */
    public String words() {
        return words;
    }
}
