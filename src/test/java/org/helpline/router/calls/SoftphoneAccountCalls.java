package org.helpline.router.calls;

import io.restassured.path.json.JsonPath;
import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.Baresip;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.CallerScript;
import org.helpline.router.calls.rig.Sipp.SipPhone;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new volunteer set up the same evening (issue 13): the operator creates them through the API, their softphone
 * (baresip) registers with the password the API gave once, they log in with *41 and answer a call. A phone with a
 * wrong password is refused and shows as a failed registration. Restarts of Asterisk and of the service keep the
 * account; once the listener is deleted their phone can no longer register and is out of the queue.
 */
final class SoftphoneAccountCalls {

    private SoftphoneAccountCalls() {
    }

    static void newVolunteerRegistersAnswersAndIsGoneOnceDeleted(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "new-volunteer", Map.of());
        JsonPath created = rig.service.api().contentType("application/json")
                .body(Map.of("displayName", "Nouvelle Écoutante", "lines", List.of(line.code())))
                .post("/api/listeners").then().statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        String user = created.getString("sipUsername");
        String endpoint = "PJSIP/" + user;
        assertEquals(rig.plan.asterisk(), created.getString("softphone.server"));
        assertEquals(rig.plan.sipPort(), created.getInt("softphone.port"));
        SipPhone slot = rig.phone(); // its address and port; the account is the one the API made
        SipPhone phone = new SipPhone(user, created.getString("softphone.password"), slot.address(), slot.port());
        assertTrue(Files.readString(rig.asterisk.accountsFile()).contains("[" + user + "](listener-auth)"));

        // Twin first: the same account with a wrong password is refused, and operators see the failure.
        SipPhone typo = new SipPhone(user, phone.password() + "x", slot.address(), slot.port());
        try (Baresip wrong = Baresip.start(dir(rig, user + "-typo"), typo, rig.plan)) {
            awaitOutput(dir(rig, user + "-typo"), "401", Duration.ofSeconds(15));
            assertFalse(Baresip.registered(dir(rig, user + "-typo")), "a wrong password does not register");
            awaitApi(rig, id, l -> l.getInt("registration.failedAttempts") >= 1, "the failed registration is shown");
        }

        try (Baresip softphone = Baresip.start(dir(rig, user), phone, rig.plan)) {
            awaitRegistered(dir(rig, user), Duration.ofSeconds(10));
            awaitApi(rig, id, l -> "REGISTERED".equals(l.getString("registration.status")), "shown registered");
            softphone.dial("*41");
            softphone.awaitEvent("CALL_CLOSED", 1, Duration.ofSeconds(20));
            Heard.awaitListenerState(rig, line.code(), endpoint, "AVAILABLE", Duration.ofSeconds(10));

            // baresip auto-answers; the *41 call was its first established call, the caller's is the next one.
            int answered = (int) softphone.count("CALL_ESTABLISHED");
            SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(32)));
            assertTrue(softphone.awaitEvent("CALL_ESTABLISHED", answered + 1, Duration.ofSeconds(45)).contains("anonymous"),
                    "the softphone answered a call that shows no number");
            Heard.awaitListenerState(rig, line.code(), endpoint, "IN_CALL", Duration.ofSeconds(10));
            assertTrue(call.ended(Duration.ofSeconds(45)));
            call.heardTheNoticeOnce(Heard.NOTICE);
            // Its end within 5 s of the hang-up; in the queue only while the softphone rang (it answers at once).
            Map<String, String> row = call.journalled("ANSWERED", SuiteCall.Waited.inQueue(0, 5));
            assertEquals(String.valueOf(id), row.get("listener_id"), "answered by the new listener");
        }

        // Restarts keep the account: Asterisk reads the file at boot, the service finds it already right.
        String file = Files.readString(rig.asterisk.accountsFile());
        Instant before = Instant.now();
        rig.asterisk.restart();
        rig.service.awaitAmiConnectedSince(before, Duration.ofSeconds(30));
        rig.service.stop();
        rig.service.start();
        assertEquals(file, Files.readString(rig.asterisk.accountsFile()));
        try (Baresip again = Baresip.start(dir(rig, user + "-again"), phone, rig.plan)) {
            awaitRegistered(dir(rig, user + "-again"), Duration.ofSeconds(10));
            again.dial("*41");
            again.awaitEvent("CALL_CLOSED", 1, Duration.ofSeconds(20));
            Heard.awaitListenerState(rig, line.code(), endpoint, "AVAILABLE", Duration.ofSeconds(10));

            rig.service.api().delete("/api/listeners/" + id).then().statusCode(204);
            assertFalse(rig.asterisk.cli("queue show " + line.queue()).contains(endpoint), "out of the queue at once");
            assertFalse(Files.readString(rig.asterisk.accountsFile()).contains(user));
            assertTrue(rig.asterisk.cli("pjsip show endpoint " + user).contains("Unable to find object"),
                    rig.asterisk.cli("pjsip show endpoint " + user));
        }
        try (Baresip gone = Baresip.start(dir(rig, user + "-deleted"), phone, rig.plan)) {
            awaitOutput(dir(rig, user + "-deleted"), "401", Duration.ofSeconds(15));
            assertFalse(Baresip.registered(dir(rig, user + "-deleted")), "the deleted listener's phone cannot register");
        }
    }

    private static Path dir(CallRig rig, String name) {
        return rig.runDir.resolve("baresip-" + name);
    }

    private static void awaitRegistered(Path dir, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Baresip.registered(dir)) {
            assertTrue(System.nanoTime() < deadline, "baresip registers within " + limit + "; see " + dir);
            SuiteCall.sleep(100);
        }
    }

    /** Waits until baresip's output shows {@code text} (e.g. a final 401 to its REGISTER). */
    private static void awaitOutput(Path dir, String text, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Path out = dir.resolve("baresip.out");
        while (!Files.exists(out) || !Files.readString(out, StandardCharsets.ISO_8859_1).contains(text)) {
            assertTrue(System.nanoTime() < deadline, "baresip shows " + text + " within " + limit + "; see " + out);
            SuiteCall.sleep(100);
        }
    }

    private static void awaitApi(CallRig rig, long id, java.util.function.Predicate<JsonPath> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.test(rig.service.api().get("/api/listeners/" + id).then().statusCode(200).extract().jsonPath())) {
            assertTrue(System.nanoTime() < deadline, what);
            SuiteCall.sleep(200);
        }
    }
}
