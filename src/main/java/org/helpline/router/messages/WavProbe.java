package org.helpline.router.messages;

import org.helpline.router.api.ApiProblem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an upload's RIFF header says, read before Java Sound decodes it, so that a refusal names what is wrong
 * ("an MP3 file", "a compressed WAV (IMA ADPCM)", "6 channels") where Java Sound would only say "unsupported".
 *
 * @param formatTag the WAVE format tag (1 PCM, 3 float, 6 A-law, 7 µ-law), the sub-format's for WAVE_FORMAT_EXTENSIBLE
 */
record WavProbe(int formatTag, int channels, int sampleRate, int bitsPerSample) {

    static final int PCM = 1;
    static final int FLOAT = 3;
    static final int ALAW = 6;
    static final int ULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;
    static final int MIN_RATE = 8000;
    static final int MAX_RATE = 48000;

    private static final Map<Integer, String> COMPRESSED = Map.of(0x0002, "MS ADPCM", 0x0011, "IMA ADPCM",
            0x0031, "GSM 6.10", 0x0040, "G.721 ADPCM", 0x0050, "MPEG", 0x0055, "MP3", 0x0022, "TrueSpeech",
            0x0161, "WMA", 0x00FF, "AAC", 0x1610, "AAC");

    /** Reads the header or refuses the upload with a 415 naming what it is. */
    static WavProbe of(byte[] data) {
        if (data.length < 12 || !ascii(data, 0, "RIFF") || !ascii(data, 8, "WAVE")) {
            throw unsupported("is not a WAV file" + lookalike(data) + "; upload a PCM WAV file");
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= data.length) {
            String id = new String(data, at, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(in.getInt(at + 4));
            if (id.equals("fmt ") && size >= 16 && at + 8 + 16 <= data.length) {
                return checked(in, at + 8, size);
            }
            if (id.equals("data")) {
                break;
            }
            long next = at + 8L + size + (size & 1); // chunks are word-aligned
            if (next > data.length) {
                break;
            }
            at = (int) next;
        }
        throw unsupported("is a damaged WAV file: it has no format chunk before its audio");
    }

    private static WavProbe checked(ByteBuffer in, int fmt, long size) {
        int tag = Short.toUnsignedInt(in.getShort(fmt));
        if (tag == EXTENSIBLE && size >= 40 && fmt + 26 <= in.capacity()) {
            tag = Short.toUnsignedInt(in.getShort(fmt + 24));
        }
        int channels = Short.toUnsignedInt(in.getShort(fmt + 2));
        int rate = in.getInt(fmt + 4);
        int bits = Short.toUnsignedInt(in.getShort(fmt + 14));
        if (!List.of(PCM, FLOAT, ALAW, ULAW).contains(tag)) {
            String kind = COMPRESSED.getOrDefault(tag, "format 0x%04X".formatted(tag));
            throw unsupported("is a compressed WAV (" + kind + "), which is not supported: export it as PCM WAV "
                    + "(16-bit, mono)");
        }
        if (channels < 1 || channels > 2) {
            throw unsupported("has " + channels + " channels: only mono or stereo is supported");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw unsupported("has a sample rate of " + Integer.toUnsignedString(rate) + " Hz: from " + MIN_RATE
                    + " to " + MAX_RATE + " Hz is supported");
        }
        boolean bitsOk = switch (tag) {
            case PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            case FLOAT -> bits == 32 || bits == 64;
            default -> bits == 8;
        };
        if (!bitsOk) {
            throw unsupported("has " + bits + "-bit samples: 8, 16, 24 or 32-bit PCM is supported");
        }
        return new WavProbe(tag, channels, rate, bits);
    }

    /** "PCM 16-bit 44100 Hz stereo", for the audit trail. */
    String describe() {
        String kind = switch (formatTag) {
            case FLOAT -> "float " + bitsPerSample + "-bit";
            case ALAW -> "A-law";
            case ULAW -> "µ-law";
            default -> "PCM " + bitsPerSample + "-bit";
        };
        return kind + " " + sampleRate + " Hz " + (channels == 1 ? "mono" : "stereo");
    }

    private static String lookalike(byte[] d) {
        if (ascii(d, 0, "ID3") || (d.length > 1 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xE0) == 0xE0)) {
            return " (it looks like an MP3 file)";
        }
        if (ascii(d, 0, "OggS")) {
            return " (it looks like an Ogg file)";
        }
        if (ascii(d, 0, "fLaC")) {
            return " (it looks like a FLAC file)";
        }
        if (ascii(d, 4, "ftyp")) {
            return " (it looks like an MP4/M4A file)";
        }
        if (ascii(d, 0, "RIFF") || ascii(d, 0, "RF64")) {
            return " (a RIFF file, but not WAVE audio)";
        }
        return "";
    }

    private static boolean ascii(byte[] data, int at, String text) {
        if (data.length < at + text.length()) {
            return false;
        }
        return new String(data, at, text.length(), StandardCharsets.US_ASCII).equals(text);
    }

    static ApiProblem unsupported(String message) {
        return new ApiProblem(415, "unsupported-audio", "Unsupported audio", "body: " + message,
                List.of(new ApiProblem.FieldError("body", message)));
    }
}
