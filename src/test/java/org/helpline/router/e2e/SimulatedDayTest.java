package org.helpline.router.e2e;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.helpline.router.asterisk.agi.FastAgiServer;
import org.helpline.router.journal.JournalTables;
import org.helpline.router.journal.JournalWriter;
import org.helpline.router.routing.QueueAvailability;
import org.helpline.router.routing.QueueLoad;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.CallerNumberForms;
import org.helpline.router.support.CapturedLogs;
import org.helpline.router.support.LineFixtures;
import org.helpline.router.support.DatabaseDump;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole day on one line, end to end: every call is a FastAGI {@code route} session as Asterisk asks it (the
 * caller's number in the many forms networks write it), and every queued call then lives in the fake Asterisk
 * manager's events, correlated by the {@code HELPLINE_CALL_ID} the route answer gave it (the dialplan has
 * replaced the caller ID by then, so the events say "anonymous"). Afterwards the journal holds one exact record
 * per call, the daily report's figures are exact, and neither a dump of the database nor the service's log
 * holds any of the day's numbers in any form.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SimulatedDayTest {

    private static final Logger LOG = Logger.getLogger(SimulatedDayTest.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 18); // a Wednesday
    private static final String LINE = "e2e-day";
    private static final String DIALLED = "0800000701";
    private static final String STRANGER_DIALLED = "0800000799";
    private static final String ENDPOINT = "PJSIP/e2e-day-l1";
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    /** The people who call that day, as E.164; each call writes the number in another form. */
    private static final String ALICE = "+33611203040";
    private static final String BASILE = "+33698765432";
    private static final String CLAIRE = "+33145678901";
    private static final String DENIS = "+33755443322";
    private static final String EMMA = "+33478123456";
    private static final String FARID = "+33299887766";
    private static final List<String> CALLERS = List.of(ALICE, BASILE, CLAIRE, DENIS, EMMA, FARID);

    @Inject
    FastAgiServer agi;
    @Inject
    QueueAvailability availability;
    @Inject
    JournalWriter writer;
    @Inject
    AgroalDataSource ds;
    @ConfigProperty(name = "quarkus.log.file.path")
    String logFile;

    private FakeAmiServer ami;
    private int uniqueids;

    /** What the journal must hold for a call. */
    private record Expected(String outcome, Integer waitSeconds, Integer talkSeconds, boolean byListener, String caller) {
    }

    private final Map<String, Expected> calls = new LinkedHashMap<>();

    @BeforeEach
    void linked() throws Exception {
        ami = FakeAmiProfile.server();
        ami.listen();
        ami.answerPings(true);
        Poll.until(Duration.ofSeconds(10), () -> assertTrue(ami.clientCount() > 0, "service connected to the fake AMI"));
    }

    @Test
    void aDayOfCallsIsJournalledExactlyAndNoNumberIsAnywhere() throws Exception {
        CapturedLogs logs = CapturedLogs.start();
        try {
            at(9, 0);
            long listenerId = lineWithListener();
            ami.send(member("QueueMemberAdded", false));
            awaitLoad(l -> l.listenersAvailable() == 1, "the listener is available");

            answered(9, 10, ALICE, ALICE, 12, 600);
            abandoned(9, 50, BASILE, "06 98 76 54 32", 25);
            answered(10, 30, CLAIRE, "0033145678901", 45, 300);
            answered(11, 10, null, "anonymous", 5, 120);
            answered(11, 50, ALICE, "0611203040", 20, 900);

            at(12, 30); // first, so that only the pause (not the last call's wrap-up) leaves nobody available
            ami.send(member("QueueMemberPause", true)); // the only listener takes a break: nobody can answer soon
            awaitLoad(l -> l.listenersLoggedIn() == 1 && l.listenersAvailable() == 0, "the listener is paused");
            turnedAway(12, 30, DENIS, "+33 7 55 44 33 22", "OVERLOAD");
            ami.send(member("QueueMemberPause", false));

            at(13, 10);
            ami.send("Event: QueueMemberRemoved\nQueue: " + LINE + "\nMemberName: Ecoutant Jour\nInterface: " + ENDPOINT);
            awaitLoad(l -> l.listenersLoggedIn() == 0, "the listener logged out");
            turnedAway(13, 10, EMMA, "04.78.12.34.56", "NO_LISTENER");
            ami.send(member("QueueMemberAdded", false));

            at(14, 0);
            Map<String, String> stranger = route(STRANGER_DIALLED, "0299887766");
            assertEquals("UNKNOWN_LINE", stranger.get("HELPLINE_ACTION"));
            String strangerId = stranger.get("HELPLINE_CALL_ID");

            answered(15, 0, BASILE, "+33 6 98 76 54 32", 8, 60);
            turnedAway(22, 30, CLAIRE, "01 45 67 89 01", "CLOSED");

            // The journal: one record per call, exactly as the day went.
            writer.flush();
            for (Map.Entry<String, Expected> call : calls.entrySet()) {
                Map<String, Object> r = awaitRecord(call.getKey(), call.getValue());
                assertEquals(LINE, r.get("line_code"));
                assertEquals(Date.valueOf(DAY), r.get("service_day"));
                assertEquals(call.getValue().waitSeconds(), r.get("wait_seconds"), call.getKey());
                assertEquals(call.getValue().talkSeconds(), r.get("talk_seconds"), call.getKey());
                assertEquals(call.getValue().byListener() ? String.valueOf(listenerId) : null, r.get("listener_id"));
            }
            assertEquals(calls.size(), ((Long) JournalTables.query(ds,
                    "SELECT count(*) AS n FROM call_record WHERE line_code = ?", LINE).get(0).get("n")).intValue(),
                    "one record per call, no more");
            assertPseudonyms();
            Map<String, Object> unknown = awaitRecord(strangerId, new Expected("UNKNOWN_LINE", null, null, false, FARID));
            assertNull(unknown.get("line_code"));

            // The coordinators' daily report.
            JsonPath report = asOperator().accept("application/json")
                    .get("/api/reports/daily?line=" + LINE + "&from=" + DAY + "&to=" + DAY)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(1, report.getList("$").size());
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("offered", 9);
            expected.put("answered", 5);
            expected.put("abandoned", 1);
            expected.put("shortCalls", 0);
            expected.put("closed", 1);
            expected.put("noListener", 1);
            expected.put("timedOut", 0);
            expected.put("overload", 1);
            expected.put("failed", 0);
            expected.put("queued", 6);
            expected.put("answeredWithinTarget", 4); // waits 12, 5, 20, 8 of 12, 45, 5, 20, 8
            expected.put("waitP50", 12);
            expected.put("waitP90", 45);
            expected.put("talkSeconds", 1980);
            expected.put("identifiedCallers", 5); // Alice, Basile, Claire, Denis, Emma; the withheld call apart
            expected.put("repeatCallers", 3); // Alice, Basile and Claire called twice
            expected.put("withheldCalls", 1);
            Map<String, Object> actual = new LinkedHashMap<>();
            expected.keySet().forEach(k -> actual.put(k, report.get("[0]." + k)));
            assertEquals(expected, actual);
            assertEquals(0.6667f, report.getFloat("[0].serviceLevel"), 1e-4);
            assertEquals(0.6f, report.getFloat("[0].repeatCallerShare"), 1e-4);

            // Nowhere a number: a real dump of the database, every row of every table, the log, the live views.
            String rows = DatabaseDump.allTablesAsText(ds);
            assertTrue(rows.contains(calls.keySet().iterator().next()), "the row scan covers the journal");
            assertEquals(List.of(), numbersIn(rows), "rows of every table");
            Optional<String> dump = DatabaseDump.pgDump();
            if (dump.isPresent()) {
                assertTrue(dump.get().contains(calls.keySet().iterator().next()), "the dump covers the journal");
                assertEquals(List.of(), numbersIn(dump.get()), "pg_dump");
            } else {
                LOG.info("No pg_dump installed: the database was checked by the scan of every row only");
            }
            assertFalse(logs.lines().isEmpty(), "the day was logged");
            assertFalse(logs.containing(strangerId).isEmpty(), "the capture saw the day's routing");
            assertEquals(List.of(), numbersIn(String.join("\n", logs.lines())), "log records as the service wrote them");
            String file = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
            assertTrue(file.contains(strangerId), "the log file holds the day");
            assertEquals(List.of(), numbersIn(file), "the service's log file");
            assertEquals(List.of(), numbersIn(asOperator().get("/api/supervision").asString()), "supervision");
            assertEquals(List.of(), numbersIn(given().get("/q/metrics").asString()), "metrics");
        } finally {
            logs.close();
        }
    }

    /** The failure twin: each scan above finds a number planted where it looks. */
    @Test
    void theScansFindAPlantedNumber() throws Exception {
        String planted = "+33699001122";
        execute("CREATE TABLE e2e_planted (note text)", "INSERT INTO e2e_planted VALUES ('rappeler le 06 99 00 11 22')");
        try {
            assertEquals(List.of("06 99 00 11 22"), CallerNumberForms.foundIn(DatabaseDump.allTablesAsText(ds), List.of(planted)));
            Optional<String> dump = DatabaseDump.pgDump();
            dump.ifPresent(d -> assertEquals(List.of("06 99 00 11 22"), CallerNumberForms.foundIn(d, List.of(planted))));
        } finally {
            execute("DROP TABLE e2e_planted");
        }
        try (CapturedLogs logs = CapturedLogs.start()) {
            LOG.infof("planted caller %s for the scan", "0033699001122");
            assertEquals(List.of("0033699001122", "699001122"),
                    CallerNumberForms.foundIn(String.join("\n", logs.lines()), List.of(planted)));
        }
        String file = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
        assertTrue(file.contains("planted caller"), "the line reached the log file");
        assertEquals(List.of(), CallerNumberForms.foundIn(file, List.of(planted)), "masked there");
        for (String form : CallerNumberForms.forms(planted)) {
            assertTrue(CallerNumberForms.foundIn("x" + form + "x", List.of(planted)).contains(form), form);
        }
    }

    // --- the day's calls -------------------------------------------------------------------------------

    /** A call answered by the listener after {@code wait} seconds, talking {@code talk} seconds. */
    private void answered(int hour, int minute, String person, String number, int wait, int talk) throws Exception {
        at(hour, minute);
        awaitLoad(l -> l.listenersAvailable() == 1, "the listener is free");
        String id = routed(number, "QUEUE");
        String uid = nextUniqueid();
        ami.send(queueEvent("QueueCallerJoin", uid, id, "Position: 1\nCount: 1"));
        ami.send(queueEvent("AgentCalled", uid, id, "Interface: " + ENDPOINT + "\nMemberName: Ecoutant Jour"));
        ami.send(queueEvent("QueueCallerLeave", uid, id, "Position: 1\nCount: 0"));
        ami.send(queueEvent("AgentConnect", uid, id, "Interface: " + ENDPOINT + "\nMemberName: Ecoutant Jour\nHoldTime: "
                + wait + "\nRingTime: 3"));
        ami.send(queueEvent("AgentComplete", uid, id, "Interface: " + ENDPOINT + "\nMemberName: Ecoutant Jour\nHoldTime: "
                + wait + "\nTalkTime: " + talk + "\nReason: caller"));
        Expected e = new Expected("ANSWERED", wait, talk, true, person);
        calls.put(id, e);
        awaitRecord(id, e);
    }

    /** A caller who hangs up in the queue after {@code wait} seconds. */
    private void abandoned(int hour, int minute, String person, String number, int wait) throws Exception {
        at(hour, minute);
        awaitLoad(l -> l.listenersAvailable() == 1, "the listener is free");
        String id = routed(number, "QUEUE");
        String uid = nextUniqueid();
        ami.send(queueEvent("QueueCallerJoin", uid, id, "Position: 1\nCount: 1"));
        ami.send(queueEvent("QueueCallerAbandon", uid, id, "Position: 1\nOriginalPosition: 1\nHoldTime: " + wait));
        ami.send(queueEvent("QueueCallerLeave", uid, id, "Position: 1\nCount: 0"));
        Expected e = new Expected("ABANDONED", wait, null, false, person);
        calls.put(id, e);
        awaitRecord(id, e);
    }

    /** A call the route decision itself ends: closed, no listener, overload. */
    private void turnedAway(int hour, int minute, String person, String number, String action) throws Exception {
        at(hour, minute);
        String id = routed(number, action);
        Expected e = new Expected(action, null, null, false, person);
        calls.put(id, e);
        awaitRecord(id, e);
    }

    private String routed(String number, String action) throws IOException {
        Map<String, String> vars = route(DIALLED, number);
        assertEquals(action, vars.get("HELPLINE_ACTION"), "route of " + vars.get("HELPLINE_CALL_ID"));
        assertEquals(LINE, vars.get("HELPLINE_LINE"));
        return vars.get("HELPLINE_CALL_ID");
    }

    private Map<String, String> route(String dialled, String callerNumber) throws IOException {
        Map<String, String> env = AgiTestClient.route(dialled);
        env.put("agi_callerid", callerNumber);
        try (AgiTestClient client = new AgiTestClient(agi.port())) {
            client.converse(env);
            return client.variables();
        }
    }

    private String nextUniqueid() {
        return "1795500000." + (++uniqueids);
    }

    /** A queue event as Asterisk 22 sends it once the dialplan has replaced the caller ID. */
    private static String queueEvent(String event, String uniqueid, String callId, String fields) {
        return "Event: " + event + "\nPrivilege: agent,all\nChannel: PJSIP/trunk-0000" + uniqueid.substring(11)
                + "\nChannelState: 6\nChannelStateDesc: Up\nCallerIDNum: anonymous\nCallerIDName: anonymous"
                + "\nConnectedLineNum: <unknown>\nConnectedLineName: <unknown>\nLanguage: fr\nAccountCode: "
                + "\nContext: helpline-inbound\nExten: s\nPriority: 12\nUniqueid: " + uniqueid + "\nLinkedid: " + uniqueid
                + "\nChanVariable: HELPLINE_CALL_ID=" + callId + "\nChanVariable: HELPLINE_LINE=" + LINE
                + "\nQueue: " + LINE + "\n" + fields;
    }

    private static String member(String event, boolean paused) {
        return "Event: " + event + "\nQueue: " + LINE + "\nMemberName: Ecoutant Jour\nInterface: " + ENDPOINT
                + "\nStateInterface: " + ENDPOINT + "\nMembership: dynamic\nPenalty: 0\nCallsTaken: 0\nLastCall: 0"
                + "\nLastPause: 0\nLoginTime: 1795418705\nInCall: 0\nStatus: 1\nPaused: " + (paused ? 1 : 0)
                + "\nPausedReason: " + (paused ? "Pause repas" : "") + "\nRinginuse: 0\nWrapuptime: 30";
    }

    // --- assertions and set-up ---------------------------------------------------------------------------

    private Map<String, Object> awaitRecord(String callId, Expected e) throws Exception {
        JournalTables.await("call " + callId + " recorded as " + e, DEADLINE, () -> {
            writer.flush();
            Map<String, Object> r = JournalTables.record(ds, callId);
            return r != null && e.outcome().equals(r.get("outcome")) && r.get("started_at") != null
                    && (e.talkSeconds() == null || e.talkSeconds().equals(r.get("talk_seconds")))
                    && (e.waitSeconds() == null || e.waitSeconds().equals(r.get("wait_seconds")));
        });
        return JournalTables.record(ds, callId);
    }

    /** The same person has one pseudonym all day, different people different ones, a withheld number none. */
    private void assertPseudonyms() throws Exception {
        Map<String, String> byPerson = new LinkedHashMap<>();
        for (Map.Entry<String, Expected> call : calls.entrySet()) {
            String pseudonym = (String) JournalTables.record(ds, call.getKey()).get("caller_pseudonym");
            String person = call.getValue().caller();
            if (person == null) {
                assertEquals("withheld", pseudonym);
                continue;
            }
            assertTrue(pseudonym.matches("[0-9a-zA-Z_\\-=+/]{20,}"), "a keyed hash, not a number: " + pseudonym);
            String before = byPerson.putIfAbsent(person, pseudonym);
            if (before != null) {
                assertEquals(before, pseudonym, "one person, one pseudonym within the month");
            }
        }
        assertEquals(5, byPerson.values().stream().distinct().count(), "five people, five pseudonyms");
        assertNotEquals(byPerson.get(ALICE), byPerson.get(BASILE));
    }

    private void awaitLoad(java.util.function.Predicate<QueueLoad> condition, String what) {
        Poll.until(Duration.ofSeconds(10), () -> {
            Optional<QueueLoad> load = availability.load(LINE);
            assertTrue(load.isPresent() && condition.test(load.get()), what + ": " + load);
        });
    }

    private static List<String> numbersIn(String text) {
        return CallerNumberForms.foundIn(text, CALLERS);
    }

    private static void at(int hour, int minute) {
        Instant instant = DAY.atTime(hour, minute).atZone(PARIS).toInstant();
        QuarkusMock.installMockForType(Clock.fixed(instant, ZoneOffset.UTC), Clock.class);
    }

    /** The line (open on weekdays 09:00–21:00, queue of the same name) and its one listener; returns the listener's id. */
    private static long lineWithListener() {
        if (asOperator().get("/api/lines/" + LINE).statusCode() != 200) {
            asOperator().contentType("application/json").body("""
                    {"code":"%s","name":"Ligne du jour","number":"+33800000701","timeZone":"Europe/Paris","language":"fr",
                     "maxWaitSeconds":120,"queue":"%s","crisisTransfer":true,
                     "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"}],
                     "rules":{"maxWaitingCallers":5,"serviceLevelSeconds":30,"wrapUpSeconds":30}}"""
                    .formatted(LINE, LINE)).post("/api/lines").then().statusCode(201);
            LineFixtures.weekdayHours(LINE, "09:00", "21:00");
            LineFixtures.listener("Ecoutant Jour", ENDPOINT, LINE);
        }
        return asOperator().get("/api/listeners").jsonPath().getLong("find { it.endpoint == '" + ENDPOINT + "' }.id");
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
