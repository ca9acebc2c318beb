package org.helpline.router.messages;

import org.helpline.router.api.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sound.sampled.AudioFormat;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploaded WAVs become 8 kHz mono 16-bit with their length and pitch kept, or are refused naming the fault. */
class TelephoneAudioTest {

    private static final Duration LIMIT = Duration.ofSeconds(180);

    @ParameterizedTest(name = "{0} Hz, {1} channel(s), {2}-bit")
    @CsvSource({"16000,2,16", "48000,1,24", "44100,2,16", "22050,1,8", "11025,2,32", "8000,2,16", "32000,1,16"})
    void commonPcmBecomesTelephoneAudioOfTheSameLengthAndPitch(int rate, int channels, int bits) {
        TelephoneAudio.Recording r = TelephoneAudio.convert(TestWavs.tone(rate, channels, bits, 3.0, 440), LIMIT);

        AudioFormat format = TestWavs.format(r.wav());
        assertTrue(format.matches(TelephoneAudio.TELEPHONE), format.toString());
        short[] samples = TestWavs.samples(r.wav());
        assertEquals(3.0, samples.length / 8000.0, 0.01, "duration kept");
        assertEquals(3000, r.durationMillis(), 10);
        assertEquals(440, TestWavs.frequency(samples, 8000), 5, "pitch kept");
        // −6 dBFS in, about −6 dBFS out (16383 ± 10 %)
        assertEquals(16383, TestWavs.peak(samples), 1700);
        assertEquals(TelephoneAudio.sha256(r.wav()), r.sha256());
    }

    @Test
    void telephoneAudioIsKeptSampleForSample() {
        byte[] upload = TestWavs.tone(8000, 1, 16, 2.0, 1000);
        TelephoneAudio.Recording r = TelephoneAudio.convert(upload, LIMIT);
        assertArrayEquals(TestWavs.data(upload), TestWavs.data(r.wav()));
        assertEquals("PCM 16-bit 8000 Hz mono", r.source());
    }

    @Test
    void stereoIsAveragedIntoMono() {
        TelephoneAudio.Recording r = TelephoneAudio.convert(TestWavs.leftOnly(16000, 16, 2.0, 500), LIMIT);
        // the left channel at −6 dBFS, the right one silent: their average is at −12 dBFS
        assertEquals(8192, TestWavs.peak(TestWavs.samples(r.wav())), 800);
    }

    @Test
    void soundAboveTheTelephoneBandDoesNotFoldBackIntoIt() {
        // 6 kHz cannot exist at 8 kHz; a resampler without a filter would turn it into a loud 2 kHz tone
        byte[] upload = TestWavs.wav(1, 1, 48000, 16, TestWavs.concat(
                TestWavs.data(TestWavs.tone(48000, 1, 16, 1.0, 1000)), TestWavs.data(TestWavs.tone(48000, 1, 16, 1.0, 6000))));
        TelephoneAudio.Recording r = TelephoneAudio.convert(upload, LIMIT);
        short[] samples = TestWavs.samples(r.wav());
        int secondHalfPeak = 0;
        for (int i = 8000 + 100; i < samples.length; i++) {
            secondHalfPeak = Math.max(secondHalfPeak, Math.abs(samples[i]));
        }
        assertTrue(secondHalfPeak < 1000, "6 kHz filtered out, peak " + secondHalfPeak);
    }

    @Test
    void muLawIsDecoded() {
        TelephoneAudio.Recording r = TelephoneAudio.convert(TestWavs.ulaw(2.0, 700), LIMIT);
        assertTrue(TestWavs.format(r.wav()).matches(TelephoneAudio.TELEPHONE));
        assertEquals(700, TestWavs.frequency(TestWavs.samples(r.wav()), 8000), 5);
        assertEquals("µ-law 8000 Hz mono", r.source());
    }

    @Test
    void aStreamedWavWhoseHeaderAnnouncesMoreThanItHoldsIsReadForWhatItHolds() {
        byte[] data = TestWavs.data(TestWavs.tone(16000, 1, 16, 2.0, 440));
        TelephoneAudio.Recording r = TelephoneAudio.convert(TestWavs.wav(1, 1, 16000, 16, data, 0xFFFFFFF0L), LIMIT);
        assertEquals(2000, r.durationMillis(), 10);
    }

    @Test
    void whatIsNotAWavFileIsRefusedSayingWhatItIs() {
        assertRefused(415, "unsupported-audio", "is not a WAV file", TestWavs.randomBytes(5000));
        assertRefused(415, "unsupported-audio", "it looks like an MP3 file", TestWavs.mp3Like());
        assertRefused(400, "audio-empty", "is empty", new byte[0]);
    }

    @Test
    void compressedOrExoticWavIsRefusedNamingTheFault() {
        byte[] some = TestWavs.randomBytes(8000);
        assertRefused(415, "unsupported-audio", "compressed WAV (IMA ADPCM)", TestWavs.wav(0x11, 1, 8000, 4, some));
        assertRefused(415, "unsupported-audio", "compressed WAV (MP3)", TestWavs.wav(0x55, 2, 44100, 0, some));
        assertRefused(415, "unsupported-audio", "6 channels", TestWavs.wav(1, 6, 48000, 16, some));
        assertRefused(415, "unsupported-audio", "96000 Hz", TestWavs.tone(96000, 1, 16, 0.5, 440));
        assertRefused(415, "unsupported-audio", "12-bit", TestWavs.wav(1, 1, 8000, 12, some));
    }

    @Test
    void tooLongTooQuietOrHollowRecordingsAreRefused() {
        assertRefused(400, "audio-too-long", "is too long: 181 s, at most 180 s", TestWavs.tone(8000, 1, 8, 181, 440));
        assertRefused(400, "audio-too-long", "is too long: 5 s, at most 4 s", TestWavs.tone(8000, 1, 16, 4.5, 440),
                Duration.ofSeconds(4));
        assertRefused(400, "audio-silent", "is silent", TestWavs.silence(16000, 2, 16, 3));
        assertRefused(400, "audio-empty", "is empty", TestWavs.wav(1, 1, 16000, 16, new byte[0]));
    }

    private static void assertRefused(int status, String errorId, String words, byte[] upload) {
        assertRefused(status, errorId, words, upload, LIMIT);
    }

    private static void assertRefused(int status, String errorId, String words, byte[] upload, Duration limit) {
        ApiProblem p = assertThrows(ApiProblem.class, () -> TelephoneAudio.convert(upload, limit));
        assertEquals(status, p.status(), p.getMessage());
        assertEquals(errorId, p.errorId(), p.getMessage());
        assertEquals("body", p.fieldErrors().get(0).field());
        assertTrue(p.getMessage().contains(words), p.getMessage());
    }
}
