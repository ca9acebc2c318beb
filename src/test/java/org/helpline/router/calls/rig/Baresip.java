package org.helpline.router.calls.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's baresip, a real softphone, as a listener's phone: registers with Asterisk, answers calls on its own
 * (auto answer), and dials feature codes when told to through its TCP control interface (netstring JSON). The
 * events it reports (CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED...) are kept as raw JSON text.
 */
public final class Baresip implements AutoCloseable {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"([A-Z_]+)\"");

    private final Process process;
    private final Socket control;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final String asterisk;

    private Baresip(Process process, Socket control, String asterisk) {
        this.process = process;
        this.control = control;
        this.asterisk = asterisk;
        Thread reader = new Thread(this::read, "suite-baresip");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts baresip for this account on {@code address}, registering with the run's Asterisk. */
    public static Baresip start(Path dir, Sipp.SipPhone phone, AddressPlan plan) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path silence = dir.resolve("silence.wav");
        writeSilence(silence, 120);
        Files.writeString(dir.resolve("config"), String.join("\n",
                "sip_listen " + phone.address() + ":" + phone.port(),
                "net_interface " + phone.address(),
                "module_path /usr/lib/baresip/modules",
                "module g711.so", "module aufile.so", "module account.so", "module contact.so", "module menu.so",
                "module ctrl_tcp.so",
                "audio_player aufile," + dir.resolve("heard.wav"),
                "audio_source aufile," + silence,
                "audio_alert aufile," + dir.resolve("alert.wav"),
                "ctrl_tcp_listen " + phone.address() + ":4444", ""));
        Files.writeString(dir.resolve("accounts"), "<sip:" + phone.username() + "@" + plan.asterisk() + ":"
                + plan.sipPort() + ";transport=udp>;auth_pass=" + phone.password() + ";answermode=auto;regint=600\n");
        Files.writeString(dir.resolve("contacts"), "");
        Process p = new ProcessBuilder("baresip", "-f", dir.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("baresip exited; see " + dir.resolve("baresip.out"));
            }
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(phone.address(), 4444), 500);
                return new Baresip(p, s, plan.asterisk());
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("baresip's control port did not open");
    }

    /** Whether baresip has logged a successful registration. */
    public static boolean registered(Path dir) throws IOException {
        Path out = dir.resolve("baresip.out");
        return Files.exists(out) && Files.readString(out, StandardCharsets.ISO_8859_1).contains("200 OK");
    }

    /** Dials a number (e.g. a feature code) at the run's Asterisk. */
    public void dial(String number) throws IOException {
        send("dial", "sip:" + number + "@" + asterisk);
    }

    /** Every event so far, raw JSON. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** Waits until the n-th event of this type (counting from 1) has come; returns its JSON. */
    public String awaitEvent(String type, int nth, Duration limit) {
        return awaitMatching(events -> events.stream().filter(e -> typeOf(e).equals(type)).skip(nth - 1L).findFirst(),
                limit, "no " + type + " #" + nth);
    }

    /** Waits for an incoming call to be established (auto answer); returns its event. */
    public String awaitIncomingCall(Duration limit) {
        return awaitMatching(events -> events.stream().filter(e -> typeOf(e).equals("CALL_ESTABLISHED")
                && e.contains("\"direction\":\"incoming\"")).findFirst(), limit, "no incoming call answered");
    }

    private String awaitMatching(java.util.function.Function<List<String>, java.util.Optional<String>> probe,
                                 Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<String> found = probe.apply(List.copyOf(events));
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError("baresip reported " + what + " within " + limit);
    }

    private static String typeOf(String event) {
        Matcher m = TYPE.matcher(event);
        return m.find() ? m.group(1) : "";
    }

    public long count(String type) {
        return events.stream().filter(e -> e.contains("\"type\":\"" + type + "\"")).count();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            control.close();
        } catch (IOException ignored) {
            // going away
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void send(String command, String params) throws IOException {
        String json = "{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"suite\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = control.getOutputStream();
        out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(',');
        out.flush();
    }

    /** Netstrings: {@code <length>:<json>,}. */
    private void read() {
        try {
            InputStream in = control.getInputStream();
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                in.read(); // ','
                events.add(new String(body, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** A WAV file of silence, 8 kHz mono 16-bit, so the softphone has something to send. */
    private static void writeSilence(Path file, int seconds) throws IOException {
        int samples = 8000 * seconds;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        Files.write(file, b.array());
    }
}
