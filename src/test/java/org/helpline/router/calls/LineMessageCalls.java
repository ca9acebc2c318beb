package org.helpline.router.calls;

import org.helpline.router.calls.SuiteCall.Waited;
import org.helpline.router.calls.SuiteLines.SuiteLine;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.calls.rig.Sipp.CallerScript;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each line speaks with its association's voice: a notice recorded and uploaded through the API is what the next
 * caller hears; a recording Asterisk cannot play falls back to the generic notice, never to silence.
 */
final class LineMessageCalls {

    private LineMessageCalls() {
    }

    static void uploadedNoticeIsWhatTheNextCallerHears(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "own-notice", Map.of("crisisTransfer", false));
        upload(rig, line, "notice", 3);
        String custom = "Playback(" + rig.runDir.resolve("messages").toAbsolutePath() + "/" + line.code() + "/fr/notice)";

        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(12)));
        List<String> heard = call.hears(List.of(custom, Heard.NO_LISTENER), Duration.ofSeconds(20));
        assertTrue(!heard.contains(Heard.NOTICE), "the generic notice is not played as well: " + heard);
        assertEquals("SUCCESS", rig.observer.variable(call.channel(), "PLAYBACKSTATUS").orElse(""));
        assertTrue(call.ended(Duration.ofSeconds(30)));
        call.heardTheNoticeOnce(custom);
        call.journalled("NO_LISTENER", Waited.never());
    }

    /** Twin: the recording on disk is damaged; the caller hears the generic notice instead, then the rest. */
    static void unplayableRecordingFallsBackToTheGenericNotice(CallRig rig) throws Exception {
        SuiteLine line = SuiteLines.openLine(rig, "broken-notice", Map.of("crisisTransfer", false));
        upload(rig, line, "notice", 3);
        Path file = rig.runDir.resolve("messages").resolve(line.code()).resolve("fr").resolve("notice.wav");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, "the recording reaches the messages folder");
            SuiteCall.sleep(100);
        }
        Files.write(file, "not a recording at all".getBytes());
        String custom = "Playback(" + rig.runDir.resolve("messages").toAbsolutePath() + "/" + line.code() + "/fr/notice)";

        SuiteCall call = SuiteCall.place(rig, line, CallerScript.hangUpAfter(Duration.ofSeconds(28)));
        call.hears(List.of(custom, Heard.NOTICE, Heard.NO_LISTENER), Duration.ofSeconds(30));
        assertTrue(call.ended(Duration.ofSeconds(30)));
        // The recording was tried once and failed; the generic notice replaced it, once.
        List<String> wholeCall = call.heardWholeCall();
        assertEquals(1, Heard.times(wholeCall, custom), "the recording is tried once: " + wholeCall);
        assertEquals(1, Heard.times(wholeCall, Heard.NOTICE), "the generic notice is played once: " + wholeCall);
        call.journalled("NO_LISTENER", Waited.never());
    }

    /** Uploads a recording (a 16 kHz tone of {@code seconds}) as an operator would, through the API. */
    static void upload(CallRig rig, SuiteLine line, String message, int seconds) {
        rig.service.api().contentType("audio/wav").body(tone(16_000, seconds))
                .put("/api/lines/" + line.code() + "/messages/" + message + "/fr").then().statusCode(200);
    }

    /** A 440 Hz tone, mono 16-bit PCM WAV. */
    static byte[] tone(int rate, int seconds) {
        int samples = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return b.array();
    }
}
