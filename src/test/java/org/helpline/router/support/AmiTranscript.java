package org.helpline.router.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Asterisk 22 capture (kept under {@code src/test/resources/asterisk-transcripts/}, copied from the
 * project's shared captures): lines starting {@code >>> } were
 * sent by the client, lines starting {@code # } are comments (a derived capture says so there), the rest is the
 * manager's output. Gives the {@code QueueStatus} list items the
 * manager served at login (to serve them again) and the unsolicited events that followed (to replay them).
 */
public final class AmiTranscript {

    /**
     * A folder of newer captures to use instead of the ones on the class path ({@code -Dhelpline.transcripts=...});
     * a capture it does not hold (a derived one) still comes from the class path.
     */
    public static final String OVERRIDE_DIR = System.getProperty("helpline.transcripts");

    private final List<String> serverBlocks;

    private AmiTranscript(List<String> serverBlocks) {
        this.serverBlocks = serverBlocks;
    }

    public static AmiTranscript load(String name) {
        try {
            if (OVERRIDE_DIR != null && Files.exists(Path.of(OVERRIDE_DIR).resolve(name))) {
                return parse(Files.readString(Path.of(OVERRIDE_DIR).resolve(name)));
            }
            try (var in = AmiTranscript.class.getResourceAsStream("/asterisk-transcripts/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no capture named " + name);
                }
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AmiTranscript parse(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(">>> ") || line.equals(">>>") || line.startsWith("Asterisk Call Manager/")
                    || line.startsWith("# ") || line.equals("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (current.length() > 0) {
                    blocks.add(current.toString().strip());
                    current.setLength(0);
                }
            } else {
                current.append(line).append('\n');
            }
        }
        if (current.length() > 0) {
            blocks.add(current.toString().strip());
        }
        return new AmiTranscript(blocks);
    }

    /** The items of the first session's {@code QueueStatus} list (ActionID 2), without their ActionID. */
    public List<String> queueStatusItems() {
        return listItems("2");
    }

    /** The items of the first session's event list answering the action with this ActionID, without it. */
    public List<String> listItems(String actionId) {
        return serverBlocks.stream().takeWhile(b -> !b.startsWith("Response: Goodbye"))
                .filter(b -> b.startsWith("Event: ") && b.matches("(?s).*(^|\\n)ActionID: " + actionId + "(\\n.*|$)")
                        && !b.contains("EventList: Complete"))
                .map(b -> b.replaceAll("(?m)^ActionID: .*\\n?", "").strip()).toList();
    }

    /** The first session's unsolicited events (no ActionID), in order. */
    public List<String> events() {
        return serverBlocks.stream().takeWhile(b -> !b.startsWith("Response: Goodbye"))
                .filter(b -> b.startsWith("Event: ") && !b.contains("ActionID: ")).toList();
    }

    /**
     * The same blocks with {@code ChanVariable: HELPLINE_CALL_ID=<callId>} on every event of the caller's channel,
     * as Asterisk sends them with the project's manager.conf (channelvars), for captures recorded without it.
     */
    public static List<String> withCallId(List<String> blocks, String callerUniqueid, String callId) {
        return blocks.stream().map(b -> b.matches("(?s).*(^|\\n)Uniqueid: " + java.util.regex.Pattern.quote(callerUniqueid)
                + "(\\n.*|$)") && !b.contains("ChanVariable: HELPLINE_CALL_ID=")
                ? b + "\nChanVariable: HELPLINE_CALL_ID=" + callId : b).toList();
    }

    /**
     * The same blocks with every call id replaced by a fresh one (the same fresh id for the same recorded id), so
     * that a capture replayed by several tests on one database gives each its own call.
     */
    public static List<String> withFreshCallIds(List<String> blocks) {
        java.util.Map<String, String> fresh = new java.util.HashMap<>();
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("HELPLINE_CALL_ID=(\\S+)");
        return blocks.stream().map(b -> id.matcher(b).replaceAll(m -> "HELPLINE_CALL_ID="
                + fresh.computeIfAbsent(m.group(1), k -> java.util.UUID.randomUUID().toString()))).toList();
    }

    /** The same blocks with the queue renamed, so one capture can play on several test lines. */
    public static List<String> onQueue(List<String> blocks, String queue) {
        return blocks.stream().map(b -> b.replaceAll("(?m)^Queue: ecoute$", "Queue: " + queue)).toList();
    }
}
