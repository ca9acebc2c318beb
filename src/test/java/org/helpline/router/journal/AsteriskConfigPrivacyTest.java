package org.helpline.router.journal;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Static checks that {@code asterisk-config/} keeps Asterisk from writing caller numbers (docs/privacy.md,
 * section 9): caller ID replaced before any queue, no CDR, no CEL, no verbose or debug log files. Skipped
 * while the directory has no dialplan; each rule also has a twin proving the check catches a bad config.
 */
class AsteriskConfigPrivacyTest {

    private static final Path CONFIG = Path.of("asterisk-config");
    private static final Pattern CALLERID_SET = Pattern.compile("Set\\(\\s*CALLERID\\((num|all)\\)\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUEUE_APP = Pattern.compile("\\bQueue\\(", Pattern.CASE_INSENSITIVE);

    @Test
    void theShippedConfigurationKeepsNoCallerNumber() throws IOException {
        Assumptions.assumeTrue(Files.exists(CONFIG.resolve("extensions.conf")), "asterisk-config/ has no dialplan yet");
        assertEquals(List.of(), dialplanProblems(read("extensions.conf")), "extensions.conf");
        assertTrue(disabled(read("cdr.conf")), "cdr.conf must set enable = no in [general]");
        String cel = read("cel.conf");
        assertTrue(cel.isEmpty() || disabled(cel), "cel.conf, when present, must set enable = no");
        assertEquals(List.of(), loggerProblems(read("logger.conf")), "logger.conf");
    }

    @Test
    void theChecksCatchAConfigurationThatLeaksTheNumber() {
        assertFalse(dialplanProblems("""
                exten => _X.,1,AGI(agi://127.0.0.1:4573/route)
                 same => n,Queue(${HELPLINE_QUEUE})
                """).isEmpty(), "a queue before the caller ID is replaced");
        assertTrue(dialplanProblems("""
                exten => _X.,1,AGI(agi://127.0.0.1:4573/route)
                 same => n,Set(CALLERID(all)="Appelant" <anonymous>)
                 same => n,Queue(${HELPLINE_QUEUE})
                """).isEmpty());
        assertFalse(disabled("[general]\nenable = yes\n"));
        assertFalse(disabled(""), "a missing cdr.conf leaves Asterisk's default: CDR on");
        assertTrue(disabled("[general]\nenable=no ; no call detail records\n"));
        assertFalse(loggerProblems("[logfiles]\nmessages => notice,warning,error,verbose\n").isEmpty());
        assertFalse(loggerProblems("[logfiles]\nfull => debug,notice\n").isEmpty());
        assertTrue(loggerProblems("[logfiles]\nconsole => notice,warning,error,verbose\nmessages => notice,warning,error\n").isEmpty());
    }

    /** Every Queue() must come after a line replacing the caller ID. */
    static List<String> dialplanProblems(String dialplan) {
        String code = stripComments(dialplan);
        Matcher set = CALLERID_SET.matcher(code);
        int firstSet = set.find() ? set.start() : Integer.MAX_VALUE;
        Matcher queue = QUEUE_APP.matcher(code);
        if (queue.find() && queue.start() < firstSet) {
            return List.of("Queue() at offset " + queue.start() + " runs before the caller ID is replaced");
        }
        return firstSet == Integer.MAX_VALUE && code.contains("route") ? List.of("the caller ID is never replaced") : List.of();
    }

    /** Whether an Asterisk .conf's [general] section says enable = no. */
    static boolean disabled(String conf) {
        return Pattern.compile("(?m)^\\s*enable\\s*=\\s*no\\b").matcher(stripComments(conf).toLowerCase(Locale.ROOT)).find();
    }

    /** File log channels must not carry verbose or debug output, which can echo dialplan arguments. */
    static List<String> loggerProblems(String logger) {
        return stripComments(logger).lines()
                .map(String::trim)
                .filter(l -> l.contains("=>"))
                .filter(l -> !l.startsWith("console"))
                .filter(l -> l.toLowerCase(Locale.ROOT).matches(".*=>.*\\b(verbose|debug)\\b.*"))
                .map(l -> "log channel writes verbose or debug output: " + l)
                .toList();
    }

    private static String stripComments(String conf) {
        return conf.replaceAll("(?m);.*$", "");
    }

    private static String read(String file) throws IOException {
        Path path = CONFIG.resolve(file);
        return Files.exists(path) ? Files.readString(path) : "";
    }
}
