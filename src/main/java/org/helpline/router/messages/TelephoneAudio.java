package org.helpline.router.messages;

import org.helpline.router.api.ApiProblem;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns an uploaded WAV into what Asterisk plays without transcoding: 8 kHz mono 16-bit signed little-endian
 * PCM, or refuses it naming what is wrong. Java Sound (JDK) does the work: its WAV readers, its µ-law and
 * A-law decoders, and its float converter, which averages stereo into mono and resamples; the converter is
 * asked for its windowed-sinc resampler because its default (linear) one does not filter, so a 48 kHz
 * recording's content above 4 kHz would fold back into the speech band as noise.
 */
final class TelephoneAudio {

    /** What Asterisk's {@code .wav} format (slin at 8 kHz) is. */
    static final AudioFormat TELEPHONE = new AudioFormat(8000f, 16, 1, true, false);
    private static final AudioFormat RESAMPLED = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000f, 16, 1, 2,
            8000f, false, Map.of("interpolation", "sinc"));
    /** A recording whose loudest sample is below this (about −50 dBFS) is taken for silence. */
    private static final int SILENCE_PEAK = 104;

    private TelephoneAudio() {
    }

    /** A converted recording, ready to store and play. */
    record Recording(byte[] wav, int durationMillis, String sha256, String source) {
    }

    static Recording convert(byte[] upload, Duration maxDuration) {
        if (upload.length == 0) {
            throw invalid("audio-empty", "is empty: no audio was sent");
        }
        WavProbe probe = WavProbe.of(upload);
        try (AudioInputStream decoded = AudioSystem.getAudioInputStream(new ByteArrayInputStream(upload))) {
            AudioFormat format = decoded.getFormat();
            long frames = decoded.getFrameLength();
            // Trust the header's length only when the body holds it (streamed WAVs announce 4 GiB).
            boolean lengthKnown = frames != AudioSystem.NOT_SPECIFIED && frames * format.getFrameSize() <= upload.length;
            if (lengthKnown) {
                checkLength(frames / format.getFrameRate(), maxDuration);
            }
            byte[] pcm = toTelephone(decoded).readAllBytes();
            if (lengthKnown) {
                // The resampler pads its output by a few frames: keep exactly the source's length.
                long expected = Math.round(frames * 8000.0 / format.getFrameRate());
                pcm = Arrays.copyOf(pcm, (int) Math.min(pcm.length, expected * 2));
            }
            int samples = pcm.length / 2;
            checkLength(samples / 8000.0, maxDuration);
            checkAudible(pcm);
            byte[] wav = wav(pcm);
            return new Recording(wav, (int) Math.round(samples / 8.0), sha256(wav), probe.describe());
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw WavProbe.unsupported("is a WAV file Java Sound cannot decode (" + probe.describe()
                    + "): export it as 16-bit PCM WAV");
        } catch (IOException e) {
            throw invalid("audio-damaged", "is a damaged or truncated WAV file");
        }
    }

    /** PCM first (µ-law and A-law have their own decoders), then one step to 8 kHz mono 16-bit. */
    private static AudioInputStream toTelephone(AudioInputStream in) {
        AudioFormat f = in.getFormat();
        AudioInputStream pcm = in;
        if (!List.of(AudioFormat.Encoding.PCM_SIGNED, AudioFormat.Encoding.PCM_UNSIGNED, AudioFormat.Encoding.PCM_FLOAT)
                .contains(f.getEncoding())) {
            pcm = AudioSystem.getAudioInputStream(new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, false), in);
        }
        return pcm.getFormat().matches(TELEPHONE) ? pcm : AudioSystem.getAudioInputStream(RESAMPLED, pcm);
    }

    private static void checkLength(double seconds, Duration max) {
        if (seconds > max.toMillis() / 1000.0 + 0.01) {
            throw invalid("audio-too-long", "is too long: %d s, at most %d s".formatted(
                    (long) Math.ceil(seconds), max.toSeconds()));
        }
        if (seconds <= 0) {
            throw invalid("audio-empty", "is empty: the WAV file holds no audio");
        }
    }

    private static void checkAudible(byte[] pcm) {
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8))));
        }
        if (peak < SILENCE_PEAK) {
            throw invalid("audio-silent", "is silent: its loudest sample is below −50 dBFS");
        }
    }

    private static byte[] wav(byte[] pcm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), TELEPHONE, pcm.length / 2),
                    AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The length of a telephone WAV, from its header. */
    static int durationMillis(byte[] wav) {
        try {
            AudioFileFormat file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
            return (int) Math.round(file.getFrameLength() * 1000.0 / file.getFormat().getFrameRate());
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new IllegalStateException("not a WAV file", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiProblem invalid(String errorId, String message) {
        return new ApiProblem(400, errorId, "Invalid audio", "body: " + message,
                List.of(new ApiProblem.FieldError("body", message)));
    }
}
