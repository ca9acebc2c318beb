package org.helpline.router.asterisk.agi;

import org.helpline.router.routing.RouteAction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Static checks of {@code asterisk-config/}: the dialplan plays only prompts that exist, rendered, in both
 * languages; uses only the variables the AGI scripts set (or documented dialplan globals); unpacks
 * {@code HELPLINE_ROUTE} in the order the route script packs it; replaces the caller ID before anything can
 * record it; dials out only to the crisis number.
 */
class AsteriskConfigTest {

    private static final Path CONFIG = Path.of("asterisk-config");
    private static final Pattern PROMPT = Pattern.compile("helpline/([a-z0-9-]+)|helpline-play,s,1\\(([a-z0-9-]+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("HELPLINE_[A-Z0-9_]+");

    private static List<String> lines(String file) throws IOException {
        List<String> result = new ArrayList<>();
        for (String line : Files.readAllLines(CONFIG.resolve(file))) {
            int comment = line.indexOf(';');
            String code = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!code.isEmpty()) {
                result.add(code);
            }
        }
        return result;
    }

    private static String code(String file) throws IOException {
        return String.join("\n", lines(file));
    }

    private static Set<String> prompts() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String text : List.of(code("extensions.conf"), code("queues.conf"))) {
            Matcher m = PROMPT.matcher(text);
            while (m.find()) {
                used.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return used;
    }

    @Test
    void everyPromptIsRenderedInBothLanguagesAsTelephoneAudio() throws IOException {
        Set<String> used = prompts();
        assertTrue(used.containsAll(Set.of("notice", "closed", "crisis-intro", "queue-wait")), used.toString());
        String texts = Files.readString(CONFIG.resolve("prompts/prompts.tsv"));
        for (String name : used) {
            for (String lang : List.of("fr", "en")) {
                assertTrue(texts.contains("\n" + name + "\t" + lang + "\t"), name + " has a " + lang + " text");
                Path wav = CONFIG.resolve("sounds/" + lang + "/helpline/" + name + ".wav");
                assertTrue(Files.exists(wav), wav + " is rendered");
                ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(wav), 0, 44).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(1, header.getShort(22), wav + " is mono");
                assertEquals(8000, header.getInt(24), wav + " is 8 kHz");
                assertEquals(16, header.getShort(34), wav + " is 16-bit");
            }
        }
    }

    @Test
    void everyHelplineVariableIsSetByAScriptOrDeclaredAsAGlobal() throws IOException {
        Set<String> known = new HashSet<>(Set.of(RouteVariables.CALL_ID, RouteVariables.LINE, RouteVariables.ROUTE,
                RouteVariables.ACTION, ListenerScript.RESULT));
        // What the dialplan itself sets and AMI carries to the journal (manager.conf channelvars), and its own
        // working variables.
        known.addAll(DIALPLAN_OWN);
        RouteVariables.ROUTE_FIELDS.forEach(f -> known.add("HELPLINE_" + f));
        known.addAll(globals());
        Set<String> unknown = new TreeSet<>();
        Matcher m = VARIABLE.matcher(code("extensions.conf"));
        while (m.find()) {
            if (!known.contains(m.group())) {
                unknown.add(m.group());
            }
        }
        assertEquals(Set.of(), unknown, "variables neither set by an AGI script nor declared in [globals]");
        assertTrue(globals().contains("HELPLINE_AGI"), "the site file gives the FastAGI address");
    }

    static final Set<String> DIALPLAN_OWN = Set.of("HELPLINE_OUTCOME", "HELPLINE_CRISIS_HEARD", "HELPLINE_STARTED",
            "HELPLINE_DIALLED", "HELPLINE_CALLER", "HELPLINE_ID_SEED", "HELPLINE_TRUNK_URI", "HELPLINE_PHONE",
            "HELPLINE_FEATURE_NONCE", "HELPLINE_FEATURE_ARGS");

    private static Set<String> globals() throws IOException {
        Set<String> globals = new HashSet<>();
        boolean inGlobals = false;
        for (String line : lines("extensions.conf")) {
            if (line.startsWith("[")) {
                inGlobals = line.equals("[globals]");
            } else if (inGlobals && line.equals("#include helpline-site.conf")) {
                // the site file's keys become globals only because it is included here
                for (String site : lines("helpline-site.conf")) {
                    globals.add(site.substring(0, site.indexOf('=')).strip());
                }
            } else if (inGlobals && line.contains("=")) {
                globals.add(line.substring(0, line.indexOf('=')).strip());
            }
        }
        return globals;
    }

    @Test
    void routeFieldsAreUnpackedInTheOrderTheScriptPacksThem() throws IOException {
        String dialplan = code("extensions.conf");
        for (int i = 0; i < RouteVariables.ROUTE_FIELDS.size(); i++) {
            String field = RouteVariables.ROUTE_FIELDS.get(i);
            String expected = "Set(HELPLINE_" + field + "=${CUT(HELPLINE_ROUTE,|," + (i + 1) + ")})";
            assertTrue(dialplan.contains(expected), "missing " + expected);
        }
    }

    @Test
    void everyActionHasItsExtensionAndUnknownOnesFallToTheSafePath() throws IOException {
        String dialplan = code("extensions.conf");
        String decided = dialplan.substring(dialplan.indexOf("[helpline-decided]"), dialplan.indexOf("[helpline-safe]"));
        for (RouteAction action : RouteAction.values()) {
            assertTrue(decided.contains("exten => " + action.name() + ",1,"), action + " handled");
        }
        assertTrue(decided.contains("exten => i,1,Goto(helpline-safe,s,1)"));
        // A decision counts only when the AGI succeeded and set HELPLINE_ACTION; the caller acts on nothing less.
        String decide = dialplan.substring(dialplan.indexOf("[helpline-decide]"), dialplan.indexOf("[helpline-unpack]"));
        assertTrue(decide.contains("GotoIf($[\"${AGISTATUS}\" = \"SUCCESS\" & \"${HELPLINE_ACTION}\" != \"\"]?helpline-decide-copy,s,1)"));
        assertTrue(dialplan.contains("GotoIf($[\"${HELPLINE_ACTION}\" = \"\"]?helpline-safe,s,1)"));
    }

    @Test
    void theDecisionIsBoundedInTimeWhateverTheServiceDoes() throws IOException {
        List<String> dialplan = lines("extensions.conf");
        // The caller never runs AGI(route) itself: a Local channel does, and Dial() gives up on it in seconds.
        String inbound = code("extensions.conf");
        inbound = inbound.substring(inbound.indexOf("[helpline-inbound]"), inbound.indexOf("[helpline-decide]"));
        assertFalse(inbound.contains("AGI("), "the caller's channel never waits on FastAGI itself");
        assertTrue(inbound.contains("Dial(Local/${EXTEN}@helpline-decide/n,${HELPLINE_DECISION_SECONDS})"));
        double primary = Double.parseDouble(global(dialplan, "HELPLINE_DECISION_SECONDS"));
        double backup = Double.parseDouble(global(dialplan, "HELPLINE_BACKUP_SECONDS"));
        assertTrue(primary + backup < 3.0, "under 3 s of silence, even with a frozen first instance and a refusing second");
        // A hung FastAGI socket lets the Local channel go when Dial() gives up.
        assertTrue(code("extensions.conf").contains("exten => _X.,1,Set(AGIEXITONHANGUP=yes)"));
    }

    @Test
    void featureCodesAreBoundedInTimeWhateverTheServiceDoes() throws IOException {
        List<String> dialplan = lines("extensions.conf");
        String code = code("extensions.conf");
        String feature = section(code, "[helpline-feature]");
        // The phone never runs AGI() itself: a Local channel does, and Dial() gives up on it within seconds.
        assertFalse(feature.contains("AGI("), "the listener's phone never waits on FastAGI itself");
        assertTrue(feature.contains("Dial(Local/${ARG1}-${ARG2}@helpline-feature-ask/n,${HELPLINE_FEATURE_SECONDS})"));
        assertTrue(feature.contains("Dial(Local/${ARG1}-${ARG2}@helpline-feature-ask-backup/n,"
                + "${HELPLINE_FEATURE_BACKUP_SECONDS})"));
        double primary = Double.parseDouble(global(dialplan, "HELPLINE_FEATURE_SECONDS"));
        double backup = Double.parseDouble(global(dialplan, "HELPLINE_FEATURE_BACKUP_SECONDS"));
        assertTrue(primary + backup < 3.0, "under 3 s of silence for a listener too");
        // Without an answer the listener hears "unavailable".
        assertTrue(feature.contains("GotoIf($[\"${HELPLINE_LISTENER_RESULT}\" = \"UNAVAILABLE\" | "
                + "\"${HELPLINE_LISTENER_RESULT}\" = \"\"]?unavailable)"));
        assertTrue(feature.contains("same => n(unavailable),Playback(helpline/listener-unavailable)"));
        for (String ask : List.of("[helpline-feature-ask]", "[helpline-feature-ask-backup]")) {
            String local = section(code, ask);
            assertTrue(local.startsWith("exten => _[a-z].,1,Set(AGIEXITONHANGUP=yes)"), ask + " lets go on hang-up");
            assertTrue(local.contains("${HELPLINE_PHONE},${IMPORT(${HELPLINE_PHONE},HELPLINE_FEATURE_NONCE)}"),
                    ask + " passes the phone's channel and its secret");
        }
    }

    @Test
    void theFeatureCodesSecretLivesOnlyOnThePhonesChannelAndOnlyDuringTheRequest() throws IOException {
        List<String> feature = List.of(section(code("extensions.conf"), "[helpline-feature]").split("\n"));
        int set = indexOf(feature, "Set(HELPLINE_FEATURE_NONCE=${SHA1(");
        int dial = indexOf(feature, "Dial(Local/${ARG1}-${ARG2}@helpline-feature-ask/n,");
        int backup = indexOf(feature, "Dial(Local/${ARG1}-${ARG2}@helpline-feature-ask-backup/n,");
        int cleared = indexOf(feature, "Set(HELPLINE_FEATURE_NONCE=)");
        assertTrue(set >= 0 && set < dial && dial < backup && backup + 1 == cleared,
                "set before the Dials, cleared right after them: " + feature);
        assertEquals(6, countOf(feature.get(set), "${RAND()}"), "six draws of 31 bits from /dev/urandom");
        assertFalse(code("extensions.conf").contains("_HELPLINE_FEATURE_NONCE"), "never inherited by another channel");
        assertFalse(globals().contains("HELPLINE_FEATURE_NONCE"), "never a global, which Getvar would fall back to");
    }

    /** A context's code, from its header to the next one. */
    private static String section(String code, String header) {
        int start = code.indexOf(header + "\n");
        assertTrue(start >= 0, header);
        int end = code.indexOf("\n[", start + header.length());
        return code.substring(start + header.length() + 1, end < 0 ? code.length() : end);
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String global(List<String> dialplan, String name) {
        return dialplan.stream().filter(l -> l.startsWith(name + " =")).findFirst()
                .map(l -> l.substring(l.indexOf('=') + 1).strip()).orElseThrow();
    }

    @Test
    void callerIdIsReplacedRightAfterTheRouteAndBeforeTheQueue() throws IOException {
        List<String> dialplan = lines("extensions.conf");
        int decided = indexOf(dialplan, "Dial(Local/${EXTEN}@helpline-decide-backup/n,${HELPLINE_BACKUP_SECONDS})");
        assertTrue(decided >= 0);
        assertTrue(dialplan.get(decided + 1).contains("Set(CALLERID(all)=${HELPLINE_ANONYMOUS} <${HELPLINE_ANONYMOUS}>)"),
                "the line right after the decision replaces the caller ID");
        int queue = indexOf(dialplan, "Queue(");
        assertTrue(queue > decided + 1, "Queue() (and its queue_log ENTERQUEUE) comes after the replacement");
        assertFalse(code("extensions.conf").contains("CALLERID(num)}"), "the dialplan never reads the number");
    }

    @Test
    void theOnlyWayOutIsTheCrisisTransfer() throws IOException {
        List<String> dials = lines("extensions.conf").stream().filter(l -> l.contains("Dial(")
                && !l.contains("Dial(Local/${EXTEN}@helpline-decide")
                && !l.contains("Dial(Local/${ARG1}-${ARG2}@helpline-feature-ask")).toList();
        assertEquals(1, dials.size(), dials.toString());
        assertTrue(dials.get(0).startsWith("same => n,Dial(PJSIP/trunk/sip:${HELPLINE_CRISIS_NUMBER}@${HELPLINE_TRUNK_URI:4},60,"),
                dials.toString());
        String listeners = code("extensions.conf");
        listeners = listeners.substring(listeners.indexOf("[listeners]"), listeners.indexOf("[helpline-feature]"));
        assertFalse(listeners.contains("Dial("));
    }

    @Test
    void asteriskWritesNoCallerNumberAnywhere() throws IOException {
        assertTrue(code("cdr.conf").contains("enable = no"));
        assertTrue(code("cel.conf").contains("enable = no"));
        String manager = code("manager.conf");
        String general = manager.substring(manager.indexOf("[general]"), manager.indexOf("[helpline]"));
        assertTrue(general.contains("channelvars = HELPLINE_CALL_ID,HELPLINE_LINE"));
        assertTrue(general.contains("bindaddr = 127.0.0.1"));
        assertFalse(code("queues.conf").contains("member =>"), "listeners are dynamic members");
        String helplineUser = manager.substring(manager.indexOf("[helpline]"));
        assertTrue(helplineUser.contains("#include helpline-site.conf"));
        assertEquals(Set.of("agent", "reporting", "system"), classes(helplineUser, "write"),
                "least privilege: queue actions, the channel list, the PJSIP reload; never command, config, originate, all");
        assertEquals(Set.of("system", "call", "agent", "security"), classes(helplineUser, "read"));
        assertTrue(code("extensions.conf").contains("#include helpline-site.conf"));
        assertFalse(code("helpline-site.conf").contains("["), "the site file has no section of its own");
    }

    @Test
    void listenersDialOnlyTheFeatureCodes() throws IOException {
        String dialplan = code("extensions.conf");
        String listeners = dialplan.substring(dialplan.indexOf("[listeners]") + "[listeners]".length(),
                dialplan.indexOf("[helpline-feature]"));
        Set<String> extensions = new TreeSet<>();
        for (String line : listeners.strip().split("\n")) {
            assertTrue(line.startsWith("exten => "), "only extensions, no include or switch: " + line);
            extensions.add(line.substring("exten => ".length(), line.indexOf(',')));
        }
        assertEquals(new TreeSet<>(Set.of("*41", "*42", "*43", "_*43X.", "*44", "i")), extensions);
        assertTrue(listeners.contains("exten => i,1,Hangup()"), "anything else is hung up");
        String pjsip = code("pjsip.conf");
        String template = pjsip.substring(pjsip.indexOf("[listener-endpoint](!)"), pjsip.indexOf("[listener-auth](!)"));
        assertTrue(template.contains("context = listeners"), "listener endpoints land in [listeners]");
    }

    @Test
    void listenerAccountsComeOnlyFromTheGeneratedFile() throws IOException {
        String pjsip = code("pjsip.conf");
        assertFalse(pjsip.contains("password"), "no account with a password is written by hand");
        assertFalse(pjsip.matches("(?s).*\\]\\(listener-(endpoint|auth|aor)\\).*"), "no account made from the templates");
        List<String> lines = lines("pjsip.conf");
        assertEquals("#tryinclude helpline-listeners.conf", lines.get(lines.size() - 1), "included last, after the templates");
        String auth = pjsip.substring(pjsip.indexOf("[listener-auth](!)"), pjsip.indexOf("[listener-aor](!)"));
        assertTrue(auth.contains("auth_type = digest"));
    }

    /** The classes of a manager.conf {@code read =} or {@code write =} line. */
    private static Set<String> classes(String user, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + " = (.*)$").matcher(user);
        assertTrue(m.find(), key + " line");
        Set<String> classes = new TreeSet<>();
        for (String c : m.group(1).split(",")) {
            classes.add(c.strip());
        }
        return classes;
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
