package org.helpline.router.messages;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The messages a line may record in its own voice: exactly the names the dialplan's {@code [helpline-play]}
 * is called with, which are also the generic prompts' file names ({@code sounds/<language>/helpline/<name>.wav}).
 */
public enum MessageName {
    /** The charter notice, said once at the start of every call. */
    NOTICE("notice"),
    /** The line is closed (then when it reopens, then the crisis numbers). */
    CLOSED("closed"),
    /** Open, but no listener is logged in or able to answer. */
    NO_LISTENER("no-listener"),
    /** Too many callers waiting, or the wait would be too long. */
    OVERLOAD("overload"),
    /** The caller waited the line's maximum wait without an answer. */
    QUEUE_TIMEOUT("queue-timeout"),
    /** Said before the call ends. */
    GOODBYE("goodbye");

    private final String fileName;

    MessageName(String fileName) {
        this.fileName = fileName;
    }

    /** The name in API paths, in {@code HELPLINE_MESSAGES} and in file names. */
    public String fileName() {
        return fileName;
    }

    public static Optional<MessageName> of(String name) {
        return Arrays.stream(values()).filter(m -> m.fileName.equals(name)).findFirst();
    }

    /** Every name, in the order of a call. */
    public static List<String> names() {
        return Arrays.stream(values()).map(MessageName::fileName).toList();
    }
}
