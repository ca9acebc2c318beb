package org.helpline.router.asterisk.agi;

import org.asteriskjava.fastagi.command.SetVariableCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One FastAGI connection from Asterisk, server side: reads the {@code agi_} environment up to its blank line,
 * then sends commands (encoded by Asterisk-Java) and reads Asterisk's replies. The first line must come within
 * the first-line timeout (Asterisk sends its environment as soon as it connects), every later read within the
 * read timeout; lines and environments are bounded in size so garbage cannot hold a worker.
 *
 * <p>When the caller hangs up mid-session Asterisk writes a line {@code HANGUP} on the socket and still answers
 * later commands with {@code 200 result=1}; the session records the hang-up so the script can stop early.
 */
public final class AgiSession {

    private static final int MAX_LINE = 4096;
    private static final int MAX_ENVIRONMENT_LINES = 256;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration firstLineTimeout;
    private final Duration readTimeout;
    private final byte[] buffer = new byte[2048];
    private int position;
    private int filled;
    private boolean hungUp;

    public AgiSession(Socket socket, Duration firstLineTimeout, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.firstLineTimeout = firstLineTimeout.compareTo(readTimeout) < 0 ? firstLineTimeout : readTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * Reads the environment: its first line within the first-line timeout, the whole of it within the read timeout.
     */
    public AgiEnvironment readEnvironment() throws IOException {
        long started = System.nanoTime();
        long deadline = started + readTimeout.toNanos();
        Map<String, String> values = new HashMap<>();
        for (int count = 0; ; count++) {
            if (count > MAX_ENVIRONMENT_LINES) {
                throw new MalformedAgiException("environment too long");
            }
            String line = count == 0 ? firstLine(started + firstLineTimeout.toNanos()) : readLine(deadline);
            if (line == null) {
                throw new MalformedAgiException("connection closed before the end of the environment");
            }
            if (line.isEmpty()) {
                break;
            }
            if (line.equals("HANGUP")) {
                hungUp = true;
                continue;
            }
            int colon = line.indexOf(": ");
            String key = colon < 0 ? line.endsWith(":") ? line.substring(0, line.length() - 1) : null : line.substring(0, colon);
            if (key == null || !key.startsWith("agi_")) {
                throw new MalformedAgiException("line " + (count + 1) + " is not an agi_ variable");
            }
            values.put(key, colon < 0 ? "" : line.substring(colon + 2));
        }
        AgiEnvironment environment = new AgiEnvironment(values);
        if (environment.script() == null) {
            throw new MalformedAgiException("no script requested");
        }
        return environment;
    }

    private String firstLine(long deadline) throws IOException {
        try {
            return readLine(deadline);
        } catch (SocketTimeoutException e) {
            throw new SilentClientException();
        }
    }

    /**
     * Sets a channel variable.
     *
     * @return whether Asterisk accepted it ({@code 200 result=1})
     */
    public boolean setVariable(String name, String value) throws IOException {
        String command = new SetVariableCommand(name, value == null ? "" : value).buildCommand();
        out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply().startsWith("200");
    }

    /** Whether Asterisk has said the channel hung up. */
    public boolean hungUp() {
        return hungUp;
    }

    private String readReply() throws IOException {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (true) {
            String line = readLine(deadline);
            if (line == null) {
                throw new IOException("connection closed while waiting for a reply");
            }
            if (line.equals("HANGUP")) {
                hungUp = true;
            } else if (line.startsWith("511")) {
                // "Command Not Permitted on a dead channel"
                hungUp = true;
                return line;
            } else if (line.startsWith("520-")) {
                skipUsage(deadline);
                return "520";
            } else if (!line.isEmpty()) {
                return line;
            }
        }
    }

    private void skipUsage(long deadline) throws IOException {
        String line;
        do {
            line = readLine(deadline);
        } while (line != null && !line.startsWith("520 "));
    }

    private String readLine(long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = nextByte(deadline);
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedAgiException("line too long");
            }
            line.write(b);
        }
    }

    private int nextByte(long deadline) throws IOException {
        if (position == filled) {
            // Only a read that would block needs the deadline (and the clock), once per chunk, not per byte.
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new SocketTimeoutException("read timeout");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            filled = in.read(buffer);
            position = 0;
            if (filled <= 0) {
                filled = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }

    /** The connection sent no first line within the first-line timeout: not Asterisk, or a stuck one. */
    public static final class SilentClientException extends SocketTimeoutException {
        SilentClientException() {
            super("no request line");
        }
    }

    /** The environment or a reply did not follow the AGI protocol. */
    public static final class MalformedAgiException extends IOException {
        MalformedAgiException(String reason) {
            super(reason);
        }
    }
}
