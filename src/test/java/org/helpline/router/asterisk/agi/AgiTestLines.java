package org.helpline.router.asterisk.agi;

import org.helpline.router.support.LineFixtures;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.helpline.router.support.TestAccounts.asOperator;

/**
 * Lines the FastAGI tests call, created once through the API (so the route reads them from the in-memory
 * directory exactly as in production). All open Monday to Friday 09:00–21:00, Europe/Paris.
 */
final class AgiTestLines {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Wednesday 25 November 2026, 10:00 in Paris: weekday hours. */
    static final Instant WEDNESDAY_MORNING = paris(25, 10, 0);
    /** Wednesday 25 November 2026, 22:30 in Paris: after hours. */
    static final Instant WEDNESDAY_NIGHT = paris(25, 22, 30);

    /** Open on weekdays; the number of the recorded Asterisk sessions (dialled as 0800123456). */
    static final String OPEN = "agi-ecoute";
    /** Closed by a closure on Wednesday until 14:00. */
    static final String CLOSURE = "agi-closure";
    /** Opened by an override until Thursday 02:00, after hours. */
    static final String OVERRIDE = "agi-override";

    private AgiTestLines() {
    }

    static Instant paris(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    /** Creates the lines unless this application (or a previous test of it) already has them. */
    static synchronized void ensureCreated() {
        if (asOperator().get("/api/lines/" + OPEN).statusCode() == 200) {
            return;
        }
        create(OPEN, "+33800123456", "ecoute");
        create(CLOSURE, "+33800123460", CLOSURE);
        create(OVERRIDE, "+33800123461", OVERRIDE);
        asOperator().contentType("application/json")
                .body("{\"from\":\"2026-11-25T00:00\",\"to\":\"2026-11-25T14:00\",\"reason\":\"training day\"}")
                .post("/api/lines/" + CLOSURE + "/closures").then().statusCode(201);
        asOperator().contentType("application/json")
                .body("{\"state\":\"OPEN\",\"until\":\"" + paris(26, 2, 0) + "\",\"reason\":\"storm night\"}")
                .put("/api/lines/" + OVERRIDE + "/override").then().statusCode(200);
    }

    private static void create(String code, String number, String queue) {
        asOperator().contentType("application/json")
                .body("""
                        {"code":"%s","name":"AGI test %s","number":"%s","timeZone":"Europe/Paris","language":"fr",
                         "maxWaitSeconds":40,"queue":"%s","crisisTransfer":true,
                         "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"},{"label":"SAMU","number":"15"}]}"""
                        .formatted(code, code, number, queue))
                .post("/api/lines").then().statusCode(201);
        LineFixtures.weekdayHours(code, "09:00", "21:00");
    }
}
