package org.helpline.router.calls;

import org.helpline.router.calls.rig.CallRig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What callers hear, as the dialplan events name it, and what the live view shows. */
final class Heard {

    static final String UNAVAILABLE = "Playback(helpline/unavailable)";
    static final String NOTICE = "Playback(helpline/notice)";
    static final String PRESS_1_WHILE_WAITING = "Playback(helpline/press-1-while-waiting)";
    static final String CLOSED = "Playback(helpline/closed)";
    static final String REOPENS = "Playback(helpline/reopens)";
    static final String NO_LISTENER = "Playback(helpline/no-listener)";
    static final String OVERLOAD = "Playback(helpline/overload)";
    static final String QUEUE_TIMEOUT = "Playback(helpline/queue-timeout)";
    static final String CRISIS_INTRO = "Playback(helpline/crisis-intro)";
    static final String TRANSFER = "Playback(helpline/transfer)";
    static final String TRANSFER_FAILED = "Playback(helpline/transfer-failed)";
    static final String GOODBYE = "Playback(helpline/goodbye)";
    static final String SAY_3114 = "SayDigits(3114)";
    static final String SAY_15 = "SayDigits(15)";
    static final String SAY_112 = "SayDigits(112)";

    /** The prompts are long (the notice is 19 s): limits for waiting on what a caller hears. */
    static final Duration NOTICE_HEARD = Duration.ofSeconds(15);
    static final Duration IN_QUEUE = Duration.ofSeconds(40);
    static final Duration CRISIS_SAID = Duration.ofSeconds(70);

    private Heard() {
    }

    static String queue(String queue) {
        return "Queue(" + queue + ",c,,,";
    }

    /** Whether {@code heard} has an entry starting with {@code prefix}. */
    static boolean anyStartsWith(List<String> heard, String prefix) {
        return heard.stream().anyMatch(h -> h.startsWith(prefix));
    }

    /** A listener's state on a line in the live view ({@code /api/supervision}), or null when not listed. */
    static String listenerState(CallRig rig, String line, String endpoint) {
        return listenerState(rig.service, line, endpoint);
    }

    /** The same, as a given instance of the service shows it. */
    static String listenerState(org.helpline.router.calls.rig.ServiceUnderTest service, String line, String endpoint) {
        List<Map<String, Object>> lines = service.api().get("/api/supervision").then().statusCode(200)
                .extract().jsonPath().getList("lines");
        for (Map<String, Object> l : lines) {
            if (line.equals(l.get("line"))) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> listeners = (List<Map<String, Object>>) l.get("listeners");
                for (Map<String, Object> m : listeners) {
                    if (endpoint.equals(m.get("endpoint"))) {
                        return (String) m.get("state");
                    }
                }
            }
        }
        return null;
    }

    /** Polls the live view until the listener shows {@code state}. */
    static void awaitListenerState(CallRig rig, String line, String endpoint, String state, Duration limit) {
        awaitListenerState(rig.service, line, endpoint, state, limit);
    }

    /** The same, on a given instance of the service. */
    static void awaitListenerState(org.helpline.router.calls.rig.ServiceUnderTest service, String line, String endpoint,
                                   String state, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = listenerState(service, line, endpoint);
            if (state.equals(last)) {
                return;
            }
            SuiteCall.sleep(100);
        }
        throw new AssertionError("the live view shows " + endpoint + " as " + last + ", not " + state);
    }

    /** Whether an entry of what a caller heard is a charter notice: the generic prompt or a line's own recording. */
    static boolean isNotice(String heard) {
        return heard.equals(NOTICE) || (heard.startsWith("Playback(") && heard.endsWith("/notice)"));
    }

    /** How many times {@code prompt} was played in {@code heard}. */
    static long times(List<String> heard, String prompt) {
        return heard.stream().filter(prompt::equals).count();
    }

    /**
     * Asserts that over a whole call the caller heard the charter notice exactly once: {@code notice} (the line's
     * own recording or the generic prompt, whichever the path plays) once, and no other notice.
     */
    static void noticeExactlyOnce(List<String> wholeCall, String notice) {
        assertEquals(1, times(wholeCall, notice), "the notice " + notice + " is played exactly once: " + wholeCall);
        assertEquals(List.of(), wholeCall.stream().filter(Heard::isNotice).filter(h -> !h.equals(notice)).toList(),
                "no other notice is played: " + wholeCall);
    }
}
