package org.helpline.router.messages;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** WAV files made byte by byte for the tests (the RIFF header written here, not by Java Sound). */
final class TestWavs {

    static final int PCM = 1;

    private TestWavs() {
    }

    /** A sine tone of {@code hz} on every channel, at about −6 dBFS. */
    static byte[] tone(int rate, int channels, int bits, double seconds, double hz) {
        return tone(rate, channels, bits, seconds, hz, false);
    }

    /** A tone on the left channel only, silence on the right. */
    static byte[] leftOnly(int rate, int bits, double seconds, double hz) {
        return tone(rate, 2, bits, seconds, hz, true);
    }

    private static byte[] tone(int rate, int channels, int bits, double seconds, double hz, boolean leftOnly) {
        int frames = (int) Math.round(rate * seconds);
        int bytes = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * channels * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double v = 0.5 * Math.sin(2 * Math.PI * hz * i / rate);
            for (int c = 0; c < channels; c++) {
                sample(data, bits, leftOnly && c == 1 ? 0 : v);
            }
        }
        return wav(PCM, channels, rate, bits, data.array());
    }

    static byte[] silence(int rate, int channels, int bits, double seconds) {
        return tone(rate, channels, bits, seconds, 0);
    }

    /** µ-law at 8 kHz mono, encoded by Java Sound's own codec. */
    static byte[] ulaw(double seconds, double hz) {
        byte[] pcm = data(tone(8000, 1, 16, seconds, hz));
        AudioInputStream linear = new AudioInputStream(new ByteArrayInputStream(pcm),
                new AudioFormat(8000, 16, 1, true, false), pcm.length / 2);
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        try (AudioInputStream encoded = AudioSystem.getAudioInputStream(ulaw, linear)) {
            return wav(7, 1, 8000, 8, encoded.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A RIFF/WAVE file with a plain 16-byte fmt chunk and the given data. */
    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
        return wav(formatTag, channels, rate, bits, data, data.length);
    }

    /** The same, with the data chunk claiming {@code declaredLength} bytes (streamed or truncated files). */
    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data, long declaredLength) {
        int blockAlign = channels * Math.max(1, bits / 8);
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt((int) Math.min(36 + declaredLength, 0xFFFFFFFFL)).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        b.put("data".getBytes()).putInt((int) declaredLength).put(data);
        return b.array();
    }

    /** What an MP3 file starts with: an ID3v2 tag, then an MPEG audio frame header. */
    static byte[] mp3Like() {
        byte[] d = new byte[4096];
        new Random(3).nextBytes(d);
        System.arraycopy(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB, (byte) 0x90}, 0, d, 0, 13);
        return d;
    }

    static byte[] randomBytes(int length) {
        byte[] d = new byte[length];
        new Random(7).nextBytes(d);
        return d;
    }

    /** The audio after the 44-byte header of a WAV written by {@link #wav} or by Java Sound. */
    static byte[] data(byte[] wav) {
        byte[] d = new byte[wav.length - 44];
        System.arraycopy(wav, 44, d, 0, d.length);
        return d;
    }

    /** The format Java Sound reads in a WAV file. */
    static AudioFormat format(byte[] wav) {
        try {
            return AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav)).getFormat();
        } catch (Exception e) {
            throw new AssertionError("not a readable WAV", e);
        }
    }

    /** Frames of a 16-bit mono WAV. */
    static short[] samples(byte[] wav) {
        ByteBuffer d = ByteBuffer.wrap(data(wav)).order(ByteOrder.LITTLE_ENDIAN);
        short[] s = new short[d.remaining() / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = d.getShort();
        }
        return s;
    }

    /** The tone's frequency, from the number of times the signal crosses zero upwards. */
    static double frequency(short[] samples, int rate) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if (samples[i - 1] < 0 && samples[i] >= 0) {
                crossings++;
            }
        }
        return crossings * (double) rate / samples.length;
    }

    static int peak(short[] samples) {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    private static void sample(ByteBuffer data, int bits, double v) {
        switch (bits) {
            case 8 -> data.put((byte) (Math.round(v * 127) + 128));
            case 16 -> data.putShort((short) Math.round(v * 32767));
            case 24 -> {
                int s = (int) Math.round(v * 8388607);
                data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
            }
            case 32 -> data.putInt((int) Math.round(v * 2147483647.0));
            default -> throw new IllegalArgumentException(bits + " bits");
        }
    }

    /** Joins byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
