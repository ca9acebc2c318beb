package org.helpline.router.calls;

import org.helpline.router.calls.rig.CallRig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After every call of the suite: Asterisk took the shipped configuration whole, and no SIP message it sent
 * names the product or its version.
 *
 * <p>A PJSIP section holding an option of another object type is not half-applied: Asterisk logs the option
 * and then drops the whole object ({@code [global]} once held an endpoint option, so {@code user_agent} and
 * {@code endpoint_identifier_order} were silently ignored). Those errors are what this check reads in
 * Asterisk's own log; the User-Agent and Server headers of what the suite's SIPp phones and crisis line
 * received show the result on the wire.
 */
final class ShippedConfigurationAccepted {

    /** What Asterisk logs when it rejects a configuration object or one of its options. */
    static final List<Pattern> REJECTIONS = List.of(
            Pattern.compile("Could not find option suitable for category '[^']*' named"),
            Pattern.compile("Could not create an object of type '[^']*'"),
            Pattern.compile("Error parsing \\S+=.* at line \\d+ of"),
            Pattern.compile("Error attempting to apply configuration"));

    /** The header values the suite's own SIPp templates send; everything else in the logs came from Asterisk. */
    private static final List<String> SUITE_AGENTS = List.of("suite-caller", "suite-listener");

    private static final Pattern AGENT_HEADER = Pattern.compile("(?im)^(User-Agent|Server):\\s*(.*?)\\s*$");

    private ShippedConfigurationAccepted() {
    }

    static void asteriskAcceptedTheShippedConfiguration(CallRig rig) throws Exception {
        List<String> rejected = new ArrayList<>();
        try (Stream<Path> logs = Files.list(rig.asterisk.logDirectory())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                rejected.addAll(rejections(Files.readString(log, StandardCharsets.ISO_8859_1)));
            }
        }
        assertEquals(List.of(), rejected, "configuration Asterisk refused (" + rig.asterisk.logDirectory() + ")");

        Map<String, Integer> agents = new TreeMap<>();
        try (Stream<Path> sipp = Files.list(rig.runDir.resolve("sipp"))) {
            for (Path file : sipp.filter(p -> p.getFileName().toString().endsWith("-messages.log")).toList()) {
                agents(Files.readString(file, StandardCharsets.ISO_8859_1))
                        .forEach(agent -> agents.merge(agent, 1, Integer::sum));
            }
        }
        SUITE_AGENTS.forEach(agents::remove);
        assertTrue(agents.containsKey("helpline"), "Asterisk's SIP messages were seen: " + agents);
        assertEquals(List.of("helpline"), List.copyOf(agents.keySet()),
                "User-Agent / Server values Asterisk sent (count of messages each)" + agents);
    }

    /** Each distinct rejection once, without its time and thread (a reload repeats them). */
    static List<String> rejections(String log) {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        for (String line : log.split("\n")) {
            for (Pattern p : REJECTIONS) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    found.add(line.substring(m.start()).strip());
                }
            }
        }
        return List.copyOf(found);
    }

    static List<String> agents(String messages) {
        List<String> found = new ArrayList<>();
        Matcher m = AGENT_HEADER.matcher(messages);
        while (m.find()) {
            found.add(m.group(2));
        }
        return found;
    }
}
