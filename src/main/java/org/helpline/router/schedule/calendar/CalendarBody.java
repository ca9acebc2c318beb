package org.helpline.router.schedule.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Reads a calendar document with a size cap, so an oversized upload or feed is refused without being held whole. */
public final class CalendarBody {

    private CalendarBody() {
    }

    /** The body exceeds the cap. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("is larger than " + limit + " bytes");
        }
    }

    /** Reads at most {@code limit} bytes; throws {@link TooLargeException} as soon as the body goes past it. */
    public static byte[] read(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[(int) Math.min(limit + 1, 64 * 1024)];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int n;
        long total = 0;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new TooLargeException(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The text in the given charset (UTF-8 when none was declared), without a byte-order mark. */
    public static String decode(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
