package org.helpline.router.calls;

import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.SipPhone;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lines, listeners and callers of the call suite, set up through the operators' API as an operator would: each
 * scenario gets a line (and queue) of its own, so scenarios run side by side on the one Asterisk.
 */
final class SuiteLines {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AtomicInteger NEXT_LINE = new AtomicInteger(100);
    private static final AtomicInteger NEXT_CALLER = new AtomicInteger(100_000);
    /** Every caller number the suite used (national form), for the privacy scan at the end. */
    private static final Set<String> CALLERS = ConcurrentHashMap.newKeySet();

    private SuiteLines() {
    }

    /** A line of the suite: its code, E.164 number, the number as the trunk sends it, its queue. */
    record SuiteLine(String code, String number, String dialled, String queue) {
    }

    /** A line open around the clock with the crisis numbers 3114 and 15, transfer allowed; {@code changes} adjust it. */
    static SuiteLine openLine(CallRig rig, String name, Map<String, Object> changes) {
        int n = NEXT_LINE.incrementAndGet();
        String code = "suite-" + name;
        String queue = rig.queue();
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Suite " + name);
        body.put("number", "+33800" + String.format("%06d", n));
        body.put("language", "fr");
        body.put("timeZone", PARIS.getId());
        body.put("queue", queue);
        body.put("maxWaitSeconds", 120);
        body.put("crisisTransfer", true);
        body.put("crisisNumbers", List.of(Map.of("label", "Prévention du suicide", "number", "3114"),
                Map.of("label", "SAMU", "number", "15")));
        body.putAll(changes);
        rig.service.api().contentType("application/json").body(body).post("/api/lines").then().statusCode(201);
        List<Map<String, String>> periods = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            periods.add(Map.of("day", d.name(), "from", "00:00", "to", "00:00"));
        }
        hours(rig, code, periods);
        return new SuiteLine(code, (String) body.get("number"), "0800" + String.format("%06d", n), (String) body.get("queue"));
    }

    static void hours(CallRig rig, String code, List<Map<String, String>> periods) {
        rig.service.api().contentType("application/json").body(Map.of("periods", periods))
                .put("/api/lines/" + code + "/opening-hours").then().statusCode(200);
    }

    /**
     * Opens the line only tomorrow (Paris) from 08:00 to 12:00: closed now, reopening tomorrow at 08:00.
     * Returns the reopening instant.
     */
    static Instant openOnlyTomorrowMorning(CallRig rig, String code) {
        ZonedDateTime tomorrow = ZonedDateTime.now(PARIS).plusDays(1).withHour(8).withMinute(0).withSecond(0).withNano(0);
        hours(rig, code, List.of(Map.of("day", tomorrow.getDayOfWeek().name(), "from", "08:00", "to", "12:00")));
        return tomorrow.toInstant();
    }

    /** Registers a listener on the phone's endpoint for the line; returns their id. */
    static long listener(CallRig rig, SipPhone phone, String line) {
        return rig.service.api().contentType("application/json")
                .body(Map.of("displayName", "Écoutant " + phone.username(), "endpoint", "PJSIP/" + phone.username(),
                        "lines", List.of(line)))
                .post("/api/listeners").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static void logIn(CallRig rig, long listenerId) {
        rig.service.api().post("/api/listeners/" + listenerId + "/login").then().statusCode(204);
    }

    /** A fresh caller number (national form), remembered for the privacy scan. */
    static String caller() {
        String number = "0699" + String.format("%06d", NEXT_CALLER.incrementAndGet());
        CALLERS.add(number);
        return number;
    }

    /** Every caller number used, in E.164. */
    static List<String> callersE164() {
        return CALLERS.stream().map(n -> "+33" + n.substring(1)).toList();
    }
}
