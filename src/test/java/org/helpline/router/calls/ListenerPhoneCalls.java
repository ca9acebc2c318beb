package org.helpline.router.calls;

import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.AmiObserver;
import org.helpline.router.calls.rig.Baresip;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.CallerScript;
import org.helpline.router.calls.rig.Sipp.SipPhone;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A listener on a real softphone (baresip): the feature codes *41–*44, and a call answered on it. */
final class ListenerPhoneCalls {

    private ListenerPhoneCalls() {
    }

    static void featureCodesFromARealSoftphone(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "softphone", Map.of());
        SipPhone phone = rig.phone();
        String endpoint = "PJSIP/" + phone.username();
        try (Baresip softphone = softphone(rig, phone)) {
            // Twin first: a phone that is no listener's is told so.
            softphone.dial("*41");
            softphone.awaitEvent("CALL_CLOSED", 1, Duration.ofSeconds(20));
            assertTrue(heardOnPhone(rig, phone, "*41", 1).contains("Playback(helpline/listener-unknown)"));

            SuiteLines.listener(rig, phone, line.code());
            softphone.dial("*41");
            softphone.awaitEvent("CALL_CLOSED", 2, Duration.ofSeconds(20));
            assertTrue(heardOnPhone(rig, phone, "*41", 2).contains("Playback(helpline/listener-ok)"));
            Heard.awaitListenerState(rig, line.code(), endpoint, "AVAILABLE", Duration.ofSeconds(10));

            softphone.dial("*43");
            softphone.awaitEvent("CALL_CLOSED", 3, Duration.ofSeconds(20));
            Heard.awaitListenerState(rig, line.code(), endpoint, "PAUSED", Duration.ofSeconds(10));
            softphone.dial("*44");
            softphone.awaitEvent("CALL_CLOSED", 4, Duration.ofSeconds(20));
            Heard.awaitListenerState(rig, line.code(), endpoint, "AVAILABLE", Duration.ofSeconds(10));

            // A caller reaches the softphone, which shows no number: "anonymous".
            SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(32)));
            String incoming = softphone.awaitIncomingCall(Duration.ofSeconds(45));
            assertTrue(incoming.contains("anonymous"), "the softphone shows anonymous");
            Heard.awaitListenerState(rig, line.code(), endpoint, "IN_CALL", Duration.ofSeconds(10));
            assertTrue(call.ended(Duration.ofSeconds(45)));
            call.heardTheNoticeOnce(Heard.NOTICE);
            call.journalled("ANSWERED", SuiteCall.Waited.inQueue(0, 6));   // baresip answers at once

            softphone.dial("*42");
            Heard.awaitListenerState(rig, line.code(), endpoint, "LOGGED_OUT", Duration.ofSeconds(20));
            assertTrue(!rig.asterisk.cli("queue show " + line.queue()).contains(endpoint), "out of the queue");
        }
    }

    /** Baresip on the phone's address and account, registered with Asterisk. */
    static Baresip softphone(CallRig rig, SipPhone phone) throws Exception {
        java.nio.file.Path dir = rig.runDir.resolve("baresip-" + phone.username());
        Baresip softphone = Baresip.start(dir, phone, rig.plan);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Baresip.registered(dir)) {
            if (System.nanoTime() > deadline) {
                softphone.close();
                throw new AssertionError("baresip registers; see " + dir);
            }
            SuiteCall.sleep(100);
        }
        return softphone;
    }

    /** The {@code Newchannel} event of the phone's n-th call to {@code code}, waiting for it a few seconds. */
    static AmiObserver.Event featureCodeCall(CallRig rig, SipPhone phone, String code, int nth) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<AmiObserver.Event> calls = rig.observer.events().stream()
                    .filter(e -> e.is("Newchannel") && String.valueOf(e.get("Channel")).startsWith("PJSIP/" + phone.username() + "-")
                            && code.equals(e.get("Exten")))
                    .toList();
            if (calls.size() >= nth) {
                return calls.get(nth - 1);
            }
            assertTrue(System.nanoTime() < deadline, "the phone's call " + nth + " to " + code + " reached Asterisk");
            SuiteCall.sleep(50);
        }
    }

    /** What the phone's n-th call to {@code code} heard, once it ended. */
    static List<String> heardOnPhone(CallRig rig, SipPhone phone, String code, int nth) {
        String id = featureCodeCall(rig, phone, code, nth).get("Uniqueid");
        rig.observer.awaitHangup(id, Duration.ofSeconds(15));
        return rig.observer.heard(id);
    }
}
