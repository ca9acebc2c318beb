package org.helpline.router.supervision;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.helpline.router.listeners.ListenerCommands;
import org.helpline.router.routing.QueueAvailability;
import org.helpline.router.support.AmiTranscript;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.FakeAmiServer;
import org.helpline.router.support.LineFixtures;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live model against a fake Asterisk manager over TCP: real captures replayed, scripted call lives,
 * drops and resyncs, garbage on the wire, and listener commands turned into AMI actions.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SupervisionAmiTest {

    static FakeAmiServer ami;
    /** Today's figures come from the journal: written within a second, read again every two. */
    static final Duration JOURNAL = Duration.ofSeconds(12);

    @Inject
    QueueAvailability availability;
    @Inject
    ProgressRecorder progress;
    @Inject
    ListenerCommands featureCodes;

    @BeforeEach
    void linked() throws Exception {
        ami = FakeAmiProfile.server();
        ami.listen();
        ami.answerPings(true);
        Poll.until(Duration.ofSeconds(10), () -> assertTrue(ami.clientCount() > 0, "service connected to the fake AMI"));
    }

    @Test
    void answeredCallCapturedFromAsteriskPlaysStepByStep() throws Exception {
        String q = line("sv-answer", "+33800000301", 30);
        SseReader sse = SseReader.open(SseReader.url("/api/supervision/stream"));
        List<String> events = AmiTranscript.withFreshCallIds(
                AmiTranscript.onQueue(AmiTranscript.load("ami-answered-chanvars.txt").events(), q));
        int i = replayThrough(events, 0, "QueueMemberAdded");
        Poll.until(() -> assertEquals("AVAILABLE", listener(q, "PJSIP/listener1").getString("state")));
        i = replayThrough(events, i, "QueueCallerJoin");
        Poll.until(JOURNAL, () -> {
            assertEquals(1, line(q).getInt("callersWaiting"));
            assertTrue(metrics().contains("helpline_queue_callers_waiting{line=\"" + q + "\"} 1.0"));
            assertEquals(1, availability.load(q).orElseThrow().callersWaiting());
        });
        i = replayThrough(events, i, "QueueMemberStatus");
        Poll.until(() -> assertEquals("RINGING", listener(q, "PJSIP/listener1").getString("state")));
        i = replayThrough(events, i, "AgentConnect");
        Poll.until(JOURNAL, () -> {
            assertEquals("IN_CALL", listener(q, "PJSIP/listener1").getString("state"));
            assertEquals(0, line(q).getInt("callersWaiting"));
            assertEquals(1, line(q).getInt("answered"));
            assertEquals(1.0, line(q).getDouble("serviceLevel"));
            assertTrue(metrics().contains("helpline_calls_total{line=\"" + q + "\",outcome=\"answered\"} 1.0"));
        });
        replayThrough(events, i, null);
        Poll.until(JOURNAL, () -> {
            assertEquals("WRAP_UP", listener(q, "PJSIP/listener1").getString("state"));
            assertTrue(metrics().contains("helpline_call_talk_seconds_count{line=\"" + q + "\"} 1.0"));
            assertEquals(List.of(CallProgress.Stage.JOINED, CallProgress.Stage.ANSWERED, CallProgress.Stage.COMPLETED),
                    progress.of(q).stream().map(CallProgress::stage).toList(), "delivered in order");
        });
        CallProgress answered = progress.of(q).get(1);
        assertEquals(36, answered.callId().length(), "the call id the channel carried (renewed for this replay)");
        assertEquals("PJSIP/listener1", answered.listenerId());
        assertEquals(0L, answered.waitSeconds());
        Poll.until(JOURNAL, () -> {
            assertTrue(sse.sawLine(q, l -> l.path("callersWaiting").asInt() == 1), "the stream showed the caller waiting");
            assertTrue(sse.sawLine(q, l -> "IN_CALL".equals(l.path("listeners").path(0).path("state").asText())
                    && l.path("answered").asInt() == 1), "the stream showed the call answered");
            assertTrue(sse.sawLine(q, l -> "WRAP_UP".equals(l.path("listeners").path(0).path("state").asText())));
            assertTrue(metrics().contains("helpline_call_wait_seconds{line=\"" + q + "\",quantile=\"0.5\"}"));
        });
        assertFalse(sse.saw("0612345678"), "the caller's number never reaches the stream");
        sse.close();
        String body = asOperator().get("/api/supervision").asString();
        assertFalse(body.contains("0612345678"), "the caller's number never reaches the snapshot");
    }

    @Test
    void abandonedCallCapturedFromAsteriskCountsAsAbandoned() throws Exception {
        String q = line("sv-abandon", "+33800000302", 30);
        AmiTranscript t = AmiTranscript.load("ami-abandoned.txt");
        resyncWith(AmiTranscript.onQueue(t.queueStatusItems(), q));
        Poll.until(() -> assertEquals(2, line(q).getList("listeners").size()));
        // Recorded without the project's channelvars: the call id Asterisk would carry is added.
        replayThrough(AmiTranscript.withCallId(AmiTranscript.onQueue(t.events(), q), "1795418159.10",
                java.util.UUID.randomUUID().toString()), 0, null);
        Poll.until(JOURNAL, () -> {
            assertEquals(1, line(q).getInt("abandoned"));
            assertEquals(0, line(q).getInt("answered"));
            assertEquals(0, line(q).getInt("callersWaiting"));
            assertEquals(0.0, line(q).getDouble("serviceLevel"));
            assertTrue(metrics().contains("helpline_calls_total{line=\"" + q + "\",outcome=\"abandoned\"} 1.0"));
        });
        Thread.sleep(600); // past the leave grace: an abandon must not also count as a timeout
        assertEquals(0, line(q).getInt("timedOut"));
        assertEquals(List.of(CallProgress.Stage.JOINED, CallProgress.Stage.ABANDONED),
                progress.of(q).stream().map(CallProgress::stage).toList());
        assertEquals(7L, progress.of(q).get(1).waitSeconds());
    }

    @Test
    void resyncMidCallFromACaptureShowsTheWaitingCallerAndThePauses() throws Exception {
        String q = line("sv-midcall", "+33800000314", 30);
        AmiTranscript t = AmiTranscript.load("ami-queuestatus-midcall.txt");
        ami.channels(t.listItems("11"));
        try {
            resyncWith(AmiTranscript.onQueue(t.queueStatusItems(), q));
        } finally {
            ami.channels(List.of());
        }
        Poll.until(JOURNAL, () -> {
            JsonPath l = line(q);
            assertEquals(1, l.getInt("callersWaiting"));
            assertTrue(l.getLong("longestWaitSeconds") >= 3);
            assertEquals(2, l.getInt("listenersByState.PAUSED"));
            assertEquals("Auto-Pause", listener(q, "PJSIP/listener1").getString("pausedReason"));
            assertEquals("Pause cafe", listener(q, "PJSIP/listener2").getString("pausedReason"));
            assertEquals(0, availability.load(q).orElseThrow().listenersAvailable());
            assertEquals(2, availability.load(q).orElseThrow().listenersLoggedIn());
        });
        List<String> resync = ami.actions().stream().map(a -> a.get("Action")).toList();
        int last = resync.lastIndexOf("QueueStatus");
        assertEquals(List.of("QueueStatus", "QueueSummary", "CoreShowChannels"), resync.subList(last, last + 3));
    }

    @Test
    void callerLeavingUnansweredWithoutHangingUpTimesOut() {
        String q = line("sv-timeout", "+33800000303", 30);
        ami.send(join(q, "1700000000.5", 1));
        Poll.until(() -> assertEquals(1, line(q).getInt("callersWaiting")));
        ami.send("Event: QueueCallerLeave\nQueue: " + q + "\nUniqueid: 1700000000.5\nPosition: 1\nCount: 0"
                + callId("1700000000.5"));
        Poll.until(JOURNAL, () -> {
            assertEquals(1, line(q).getInt("timedOut"));
            assertTrue(metrics().contains("helpline_calls_total{line=\"" + q + "\",outcome=\"timed_out\"} 1.0"));
        });
        assertEquals(CallProgress.Stage.TIMED_OUT, progress.of(q).get(1).stage());
    }

    @Test
    void asteriskAutopauseIsNotDoubledButARingOutWithoutItIsPaused() throws Exception {
        String q = line("sv-ringout", "+33800000304", 30);
        AmiTranscript t = AmiTranscript.load("ami-ringnoanswer-autopause.txt");
        resyncWith(AmiTranscript.onQueue(t.queueStatusItems(), q));
        replayThrough(AmiTranscript.onQueue(t.events(), q), 0, null);
        Poll.until(() -> assertEquals("Auto-Pause", listener(q, "PJSIP/listener1").getString("pausedReason")));
        Thread.sleep(800); // past the no-answer grace
        assertTrue(pauses(q, "PJSIP/listener1").isEmpty(), "Asterisk already paused listener1");

        ami.send(member("QueueMemberStatus", q, "PJSIP/listener3", 1, false, ""));
        ami.send("Event: AgentRingNoAnswer\nQueue: " + q + "\nInterface: PJSIP/listener3\nMemberName: L3\nRingTime: 15000");
        Poll.until(JOURNAL, () -> {
            List<Map<String, String>> p = pauses(q, "PJSIP/listener3");
            assertEquals(1, p.size());
            assertEquals("no answer", p.get(0).get("Reason"));
            assertEquals("true", p.get(0).get("Paused"));
        });
    }

    @Test
    void memberWhoseSoftphoneIsUnreachableIsNotCountedAsLoggedIn() {
        String q = line("sv-unreach", "+33800000305", 30);
        for (String e : AmiTranscript.onQueue(AmiTranscript.load("ami-member-unreachable.txt").events(), q)) {
            ami.send(e);
        }
        Poll.until(JOURNAL, () -> {
            assertEquals("UNREACHABLE", listener(q, "PJSIP/listener1").getString("state"));
            assertEquals(0, availability.load(q).orElseThrow().listenersLoggedIn());
            assertTrue(metrics().contains("helpline_listeners{line=\"" + q + "\",state=\"UNREACHABLE\"} 1.0"));
        });
        ami.send(member("QueueMemberStatus", q, "PJSIP/listener1", 1, false, ""));
        Poll.until(() -> assertEquals(1, availability.load(q).orElseThrow().listenersAvailable()));
    }

    @Test
    void pauseAndResumeShowWithReasonAndSince() {
        String q = line("sv-pause", "+33800000306", 30);
        for (String e : AmiTranscript.onQueue(AmiTranscript.load("ami-member-login-pause-logout.txt").events(), q)) {
            ami.send(e);
        }
        Poll.until(JOURNAL, () -> {
            assertEquals("AVAILABLE", listener(q, "PJSIP/listener1").getString("state"));
            assertEquals("AVAILABLE", listener(q, "PJSIP/listener2").getString("state"));
        });
        ami.send(member("QueueMemberPause", q, "PJSIP/listener2", 1, true, "Pause cafe"));
        Poll.until(JOURNAL, () -> {
            JsonPath l = listener(q, "PJSIP/listener2");
            assertEquals("PAUSED", l.getString("state"));
            assertEquals("Pause cafe", l.getString("pausedReason"));
            assertTrue(l.getString("since") != null);
            assertEquals(1, availability.load(q).orElseThrow().listenersAvailable());
        });
        ami.send(member("QueueMemberPause", q, "PJSIP/listener2", 1, false, ""));
        Poll.until(() -> assertEquals("AVAILABLE", listener(q, "PJSIP/listener2").getString("state")));
    }

    @Test
    void twoLinesAtOnceKeepTheirOwnFigures() {
        String a = line("sv-two-a", "+33800000307", 30);
        String b = line("sv-two-b", "+33800000308", 30);
        ami.send(join(a, "1700000001.1", 1));
        ami.send(join(b, "1700000002.1", 1));
        ami.send(join(b, "1700000002.2", 2));
        Poll.until(JOURNAL, () -> {
            assertEquals(1, line(a).getInt("callersWaiting"));
            assertEquals(2, line(b).getInt("callersWaiting"));
            assertTrue(metrics().contains("helpline_queue_callers_waiting{line=\"" + b + "\"} 2.0"));
        });
        ami.send("Event: QueueCallerAbandon\nQueue: " + b + "\nUniqueid: 1700000002.1\nPosition: 1\nOriginalPosition: 1\nHoldTime: 4");
        ami.send("Event: QueueCallerLeave\nQueue: " + b + "\nUniqueid: 1700000002.1\nPosition: 1\nCount: 1");
        Poll.until(JOURNAL, () -> {
            assertEquals(1, line(b).getInt("callersWaiting"));
            assertEquals(1, line(b).getInt("callers[0].position"), "the second caller moved up");
            assertEquals(1, line(a).getInt("callersWaiting"));
            assertEquals(0, line(a).getInt("abandoned"));
        });
    }

    @Test
    void droppedLinkIsUnknownThenResyncedWithTheNewStateWithinFiveSeconds() throws Exception {
        String q = line("sv-resync", "+33800000309", 30);
        ami.send(join(q, "1700000003.1", 1));
        Poll.until(() -> assertEquals(1, line(q).getInt("callersWaiting")));
        ami.raw("Event: QueueCallerJoin\r\nQueue: " + q + "\r\nUniqueid: 1700000003.9\r\n"); // cut mid-block
        ami.stop();
        Poll.until(JOURNAL, () -> {
            assertTrue(availability.load(q).isEmpty(), "state unknown while AMI is down");
            assertFalse(asOperator().get("/api/supervision").jsonPath().getBoolean("liveStateKnown"));
            assertEquals(false, given().get("/q/health/ready").jsonPath().get("checks.find { it.name == 'AMI' }.data.connected"));
        });
        ami.queueStatus(List.of(
                member("QueueMember", q, "PJSIP/listener7", 1, false, "").replace("Interface:", "Location:"),
                "Event: QueueEntry\nQueue: " + q + "\nPosition: 1\nUniqueid: 1700000004.1\nWait: 12",
                "Event: QueueEntry\nQueue: " + q + "\nPosition: 2\nUniqueid: 1700000004.2\nWait: 3"));
        long restarted = System.nanoTime();
        ami.listen();
        Poll.until(Duration.ofSeconds(5), () -> {
            JsonPath l = line(q);
            assertEquals(2, l.getInt("callersWaiting"));
            assertTrue(l.getLong("longestWaitSeconds") >= 12);
            assertEquals("AVAILABLE", listener(q, "PJSIP/listener7").getString("state"));
        });
        assertTrue(System.nanoTime() - restarted < Duration.ofSeconds(5).toNanos());
        assertEquals(true, given().get("/q/health/ready").jsonPath().get("checks.find { it.name == 'AMI' }.data.connected"));
        ami.queueStatus(List.of());
    }

    @Test
    void halfOpenLinkIsNoticedByThePingAndResynced() throws Exception {
        int logins = ami.actions("Login").size();
        ami.answerPings(false);
        try {
            Poll.until(() -> assertTrue(ami.actions("Login").size() > logins, "unanswered pings dropped the link; it came back"));
        } finally {
            ami.answerPings(true);
        }
        Poll.until(() -> assertTrue(asOperator().get("/api/supervision").jsonPath().getBoolean("liveStateKnown")));
        int settled = ami.actions("Login").size();
        Thread.sleep(2000); // four ping intervals: an answered ping keeps the link
        assertEquals(settled, ami.actions("Login").size());
    }

    @Test
    void malformedBlocksAndUnknownEventsBreakNothing() {
        String q = line("sv-garbage", "+33800000310", 30);
        int logins = ami.actions("Login").size();
        ami.raw("this line has no colon\r\n\r\n");
        ami.send("Event: SomethingAsterisk23Adds\nFoo: bar");
        ami.send("Event: QueueCallerJoin\nPosition: not-a-number");
        ami.send("Event: QueueCallerJoin\nQueue: " + q + "\nUniqueid: 1700000005.1\nPosition: x1");
        ami.send("Event: AgentConnect\nQueue: " + q);
        ami.raw(":\r\n: empty name\r\nEvent:\r\n\r\n");
        ami.send(join(q, "1700000005.2", 2));
        Poll.until(() -> assertEquals(2, line(q).getInt("callersWaiting")));
        assertEquals(logins, ami.actions("Login").size(), "the link stayed up");
    }

    @Test
    void listenerShiftActionsBecomeAmiActions() {
        String q = line("sv-shift", "+33800000311", 30);
        long id = LineFixtures.listener("Ecoutant S", "PJSIP/sv-shift", q);
        asOperator().post("/api/listeners/" + id + "/login").then().statusCode(204);
        Map<String, String> add = last("QueueAdd");
        assertEquals(q, add.get("Queue"));
        assertEquals("PJSIP/sv-shift", add.get("Interface"));
        assertEquals("Ecoutant S", add.get("MemberName"));
        asOperator().contentType("application/json").body("{\"reason\":\"Pause cafe\"}")
                .post("/api/listeners/" + id + "/pause").then().statusCode(204);
        assertEquals("true", last("QueuePause").get("Paused"));
        assertEquals("Pause cafe", last("QueuePause").get("Reason"));
        asOperator().post("/api/listeners/" + id + "/resume").then().statusCode(204);
        assertEquals("false", last("QueuePause").get("Paused"));
        assertNull(last("QueuePause").get("Reason"));
        asOperator().post("/api/listeners/" + id + "/logout").then().statusCode(204);
        assertEquals("PJSIP/sv-shift", last("QueueRemove").get("Interface"));
        assertTrue(ami.actions("QueueUnpause").isEmpty());

        asOperator().contentType("application/json").body("{\"reason\":\"\"}")
                .post("/api/listeners/" + id + "/pause").then().statusCode(400);
        asOperator().contentType("application/json").body("{\"reason\":\"evil\\r\\nAction: Originate\"}")
                .post("/api/listeners/" + id + "/pause").then().statusCode(400);
        ami.reply("QueueRemove", "Response: Error\nMessage: Member not dynamic");
        try {
            asOperator().post("/api/listeners/" + id + "/logout").then().statusCode(409);
        } finally {
            ami.reply("QueueRemove", null);
        }
        ami.reply("QueueAdd", "Response: Error\nMessage: Unable to add interface: Already there");
        try {
            asOperator().post("/api/listeners/" + id + "/login").then().statusCode(204);
        } finally {
            ami.reply("QueueAdd", null);
        }
        asOperator().post("/api/listeners/999999/login").then().statusCode(404);
    }

    @Test
    void softphoneFeatureCodesUseTheSameActions() {
        String q = line("sv-code", "+33800000312", 30);
        LineFixtures.listener("Ecoutant C", "PJSIP/sv-code", q);
        Poll.until(() -> assertEquals(ListenerCommands.Result.OK,
                featureCodes.onFeatureCode("PJSIP/sv-code", ListenerCommands.Command.PAUSE, "repas")));
        assertEquals("repas", last("QueuePause").get("Reason"));
        assertEquals(ListenerCommands.Result.UNKNOWN_LISTENER,
                featureCodes.onFeatureCode("PJSIP/nobody", ListenerCommands.Command.LOGIN, null));
        Poll.until(() -> assertEquals(LoggedOut.STATE, listener(q, "PJSIP/sv-code").getString("state")));
    }

    @Test
    void longCallEarnsARestThatEndsOnItsOwnAndBreaksAreReminded() {
        String q = line("sv-rest", "+33800000313", 1);
        long id = LineFixtures.listener("Ecoutant 9", "PJSIP/listener9", q);
        ami.send(member("QueueMemberAdded", q, "PJSIP/listener9", 1, false, ""));
        ami.send("Event: AgentConnect\nQueue: " + q + "\nInterface: PJSIP/listener9\nUniqueid: 1700000006.1\nHoldTime: 40"
                + callId("1700000006.1"));
        ami.send("Event: AgentComplete\nQueue: " + q + "\nInterface: PJSIP/listener9\nUniqueid: 1700000006.1\nTalkTime: 61\nReason: caller"
                + callId("1700000006.1"));
        Poll.until(JOURNAL, () -> {
            assertEquals("rest after long call", pauses(q, "PJSIP/listener9").get(0).get("Reason"));
            JsonPath l = listener(q, "PJSIP/listener9");
            assertTrue(l.getBoolean("breakDue"), "one call reaches the line's reminder of 1 call");
            assertFalse(line(q).getList("warnings").isEmpty());
            assertEquals(0.0, line(q).getDouble("serviceLevel"), "answered after 40 s, target 30 s");
            assertEquals("Ecoutant 9", l.getString("name"));
            assertEquals(id, l.getLong("listenerId"));
            assertEquals(String.valueOf(id), progress.of(q).stream().filter(p -> p.stage() == CallProgress.Stage.COMPLETED)
                    .findFirst().orElseThrow().listenerId());
        });
        ami.send(member("QueueMemberPause", q, "PJSIP/listener9", 1, true, "rest after long call"));
        Poll.until(JOURNAL, () -> {
            List<Map<String, String>> resumes = ami.actions("QueuePause").stream()
                    .filter(a -> "PJSIP/listener9".equals(a.get("Interface")) && "false".equals(a.get("Paused"))).toList();
            assertEquals(1, resumes.size());
            assertFalse(listener(q, "PJSIP/listener9").getBoolean("breakDue"), "a pause resets the reminder");
        });
    }

    @Test
    void aBurstOfEventsIsCoalescedIntoAFewStreamUpdates() {
        String q = line("sv-burst", "+33800000315", 30);
        SseReader sse = SseReader.open(SseReader.url("/api/supervision/stream"));
        Poll.until(() -> assertTrue(sse.count() >= 1, "the current snapshot comes at once"));
        int before = sse.count();
        long started = System.nanoTime();
        for (int i = 1; i <= 200; i++) {
            ami.send(join(q, "1700000007." + i, i));
        }
        Poll.until(() -> assertTrue(sse.sawLine(q, l -> l.path("callersWaiting").asInt() == 200)));
        double seconds = Math.max(1, (System.nanoTime() - started) / 1e9);
        int updates = sse.count() - before;
        sse.close();
        assertTrue(updates <= Math.ceil(seconds / 0.1) + 2, updates + " updates in " + seconds + " s");
        assertTrue(updates < 200, "not one update per event");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** The literal the snapshot uses for a registered listener out of the queue. */
    static final class LoggedOut {
        static final String STATE = "LOGGED_OUT";
    }

    private static String line(String code, String number, int restSeconds) {
        asOperator().contentType("application/json").body("""
                {"code":"%s","name":"%s","number":"%s","crisisNumbers":[{"label":"3114","number":"3114"}],
                 "rules":{"longCallMinutes":1,"restAfterLongCallSeconds":%d,"breakReminderCalls":1,"wrapUpSeconds":30}}"""
                .formatted(code, code, number, restSeconds)).post("/api/lines");
        Poll.until(() -> assertEquals(code, line(code).getString("line")));
        return code;
    }

    private static JsonPath line(String code) {
        JsonPath all = asOperator().get("/api/supervision").then().statusCode(200).extract().jsonPath();
        Map<String, Object> l = all.getMap("lines.find { it.line == '" + code + "' }");
        if (l == null) {
            throw new AssertionError("line " + code + " not in the snapshot");
        }
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(l).toString());
    }

    private static JsonPath listener(String line, String endpoint) {
        Map<String, Object> l = line(line).getMap("listeners.find { it.endpoint == '" + endpoint + "' }");
        if (l == null) {
            throw new AssertionError(endpoint + " not on " + line);
        }
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(l).toString());
    }

    private static String metrics() {
        return given().get("/q/metrics").asString();
    }

    private static Map<String, String> last(String action) {
        List<Map<String, String>> all = ami.actions(action);
        assertFalse(all.isEmpty(), "no " + action + " received");
        return all.get(all.size() - 1);
    }

    private static List<Map<String, String>> pauses(String queue, String endpoint) {
        return ami.actions("QueuePause").stream()
                .filter(a -> queue.equals(a.get("Queue")) && endpoint.equals(a.get("Interface"))
                        && "true".equals(a.get("Paused"))).toList();
    }

    /** Sends events from {@code from} up to and including the first named {@code upTo} (all if null); returns the next index. */
    private static int replayThrough(List<String> events, int from, String upTo) {
        for (int i = from; i < events.size(); i++) {
            ami.send(events.get(i));
            if (upTo != null && events.get(i).startsWith("Event: " + upTo + "\n")) {
                return i + 1;
            }
        }
        return events.size();
    }

    private static void resyncWith(List<String> queueStatus) throws InterruptedException {
        ami.queueStatus(queueStatus);
        ami.dropClients();
        Poll.until(() -> assertTrue(ami.clientCount() > 0));
        ami.awaitResync(Duration.ofSeconds(5));
        ami.queueStatus(List.of());
    }

    static String join(String queue, String uniqueid, int position) {
        return "Event: QueueCallerJoin\nChannel: PJSIP/trunk-1\nCallerIDNum: 0612345678\nUniqueid: " + uniqueid
                + "\nLinkedid: " + uniqueid + "\nQueue: " + queue + "\nPosition: " + position + "\nCount: " + position
                + callId(uniqueid);
    }

    /** The call id the project's dialplan gives every call, as AMI carries it (manager.conf channelvars). */
    static String callId(String uniqueid) {
        return "\nChanVariable: HELPLINE_CALL_ID=" + java.util.UUID.nameUUIDFromBytes(uniqueid.getBytes());
    }

    static String member(String event, String queue, String endpoint, int status, boolean paused, String reason) {
        return "Event: " + event + "\nQueue: " + queue + "\nMemberName: " + endpoint + "\nInterface: " + endpoint
                + "\nStateInterface: " + endpoint + "\nMembership: dynamic\nPenalty: 0\nCallsTaken: 0\nLastCall: 0\nLastPause: 0"
                + "\nLoginTime: 1795418705\nInCall: 0\nStatus: " + status + "\nPaused: " + (paused ? 1 : 0)
                + "\nPausedReason: " + reason + "\nRinginuse: 1\nWrapuptime: 0";
    }
}
