package org.helpline.router.calls;

import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.ServiceUnderTest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A line as coordinators see it live ({@code GET /api/supervision}, docs/supervision.md): callers waiting, the
 * longest wait, listeners per state. Read as JSON, the way the console reads it.
 */
final class LiveLine {

    private final Map<String, Object> shown;

    private LiveLine(Map<String, Object> shown) {
        this.shown = shown;
    }

    /** The line as the live view shows it now, or null when it does not list the line. */
    static LiveLine now(ServiceUnderTest service, String line) {
        var json = service.api().get("/api/supervision").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> lines = json.getList("lines");
        for (Map<String, Object> l : lines) {
            if (line.equals(l.get("line"))) {
                Map<String, Object> shown = new LinkedHashMap<>(l);
                shown.put("liveStateKnown", json.getBoolean("liveStateKnown"));
                return new LiveLine(shown);
            }
        }
        return null;
    }

    /** Polls the live view until the line shows what {@code shows} accepts; returns it as shown then. */
    static LiveLine await(CallRig rig, String line, Predicate<LiveLine> shows, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            LiveLine last = now(rig.service, line);
            if (last != null && shows.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the live view does not show " + what + " within " + limit + ": "
                        + (last == null ? "no such line" : last));
            }
            SuiteCall.sleep(100);
        }
    }

    boolean liveStateKnown() {
        return Boolean.TRUE.equals(shown.get("liveStateKnown"));
    }

    long callersWaiting() {
        return number("callersWaiting");
    }

    long longestWaitSeconds() {
        return number("longestWaitSeconds");
    }

    /** How many of the line's listeners are shown in {@code state} (AVAILABLE, RINGING, …). */
    long listenersIn(String state) {
        @SuppressWarnings("unchecked")
        Map<String, Object> byState = (Map<String, Object>) shown.get("listenersByState");
        Object v = byState == null ? null : byState.get(state);
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** How many listeners of the line are shown at all, whatever their state. */
    long listeners() {
        Object v = shown.get("listeners");
        return v instanceof List<?> l ? l.size() : 0;
    }

    private long number(String name) {
        if (!(shown.get(name) instanceof Number n)) {
            throw new AssertionError("the live view has no " + name + ": " + this);
        }
        return n.longValue();
    }

    /** The live figures, for a failure message (no names). */
    @Override
    public String toString() {
        return "liveStateKnown=" + shown.get("liveStateKnown") + " callersWaiting=" + shown.get("callersWaiting")
                + " longestWaitSeconds=" + shown.get("longestWaitSeconds") + " callers=" + shown.get("callers")
                + " listenersByState=" + shown.get("listenersByState");
    }
}
