package org.helpline.router.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Asterisk 22 capture from {@code ../shared/asterisk-transcripts/}: lines starting {@code >>> } were
 * sent by the client, the rest is the manager's output. Gives the {@code QueueStatus} list items the
 * manager served at login (to serve them again) and the unsolicited events that followed (to replay them).
 */
public final class AmiTranscript {

    /** Where the captures live; override with {@code -Dhelpline.transcripts=...}. */
    public static final Path DIR = Path.of(System.getProperty("helpline.transcripts", "../shared/asterisk-transcripts"));

    private final List<String> serverBlocks;

    private AmiTranscript(List<String> serverBlocks) {
        this.serverBlocks = serverBlocks;
    }

    public static AmiTranscript load(String name) {
        Path file = DIR.resolve(name);
        if (!Files.exists(file)) {
            file = Path.of("/work/shared/asterisk-transcripts").resolve(name);
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AmiTranscript parse(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(">>> ") || line.equals(">>>") || line.startsWith("Asterisk Call Manager/")) {
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

    /** The same blocks with the queue renamed, so one capture can play on several test lines. */
    public static List<String> onQueue(List<String> blocks, String queue) {
        return blocks.stream().map(b -> b.replaceAll("(?m)^Queue: ecoute$", "Queue: " + queue)).toList();
    }
}
