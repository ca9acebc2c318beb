package org.helpline.router.calls.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIPp (built by {@code scripts/build-asterisk}, with pcap) driving real SIP against the run's Asterisk: callers
 * on the trunk, listener phones, the crisis line. Scenarios are the XML files under {@code calls/sipp/} with a few
 * {@code @PLACEHOLDERS@} filled in per use. Callers' SIP messages are not traced (they hold the caller's number);
 * the phones' and the crisis line's are, so the suite can read what reached them.
 */
public final class Sipp {

    private final Path binary;
    private final Path pcapDir;
    private final Path work;
    private final AddressPlan plan;
    private final AtomicInteger serial = new AtomicInteger();
    private final List<Process> running = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Sipp(Path sippHome, Path work, AddressPlan plan) throws IOException {
        this.binary = sippHome.resolve("sipp");
        this.pcapDir = sippHome.resolve("pcap");
        this.work = Files.createDirectories(work);
        this.plan = plan;
    }

    /** What a caller does once Asterisk answers. */
    public record CallerScript(List<Long> pressOneAtMillis, long holdMillis) {

        /** Waits up to {@code holdMillis} for Asterisk to hang up, then hangs up. */
        public static CallerScript hangUpAfter(Duration hold) {
            return new CallerScript(List.of(), hold.toMillis());
        }

        /** Presses 1 (RFC 4733) at each of these offsets from the answer, then waits {@code hold} more. */
        public static CallerScript pressOne(List<Duration> at, Duration hold) {
            return new CallerScript(at.stream().map(Duration::toMillis).toList(), hold.toMillis());
        }
    }

    /** A running SIPp process and how it ended. */
    public static final class Run {
        private final Process process;
        private final Path output;
        private final Path messages;

        Run(Process process, Path output, Path messages) {
            this.process = process;
            this.output = output;
            this.messages = messages;
        }

        /** Waits for the end; returns SIPp's exit status (0: every call succeeded). */
        public int await(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("SIPp still running after " + limit + "; see " + output);
            }
            return process.exitValue();
        }

        /** The SIP messages SIPp exchanged, for phones and the crisis line (callers are not traced). */
        public String messages() {
            try {
                return messages == null || !Files.exists(messages) ? "" : Files.readString(messages, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIPp's final statistics screen. */
        public String output() {
            try {
                return Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean alive() {
            return process.isAlive();
        }

        public void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** One call from {@code callerNumber} to {@code dialled}. */
    public Run call(String dialled, String callerNumber, CallerScript script) throws IOException {
        return calls(dialled, List.of(callerNumber), 1, script);
    }

    /**
     * {@code callerNumbers.size()} calls to {@code dialled}, one per caller number, at {@code perSecond} calls a
     * second.
     */
    public Run calls(String dialled, List<String> callerNumbers, int perSecond, CallerScript script) throws IOException {
        int n = serial.incrementAndGet();
        StringBuilder actions = new StringBuilder();
        long at = 0;
        int k = 0;
        for (long press : script.pressOneAtMillis()) {
            actions.append("  <pause milliseconds=\"").append(Math.max(1, press - at)).append("\"/>\n")
                    .append("  <nop><action><exec play_pcap_audio=\"").append(pressOfOne(k++))
                    .append("\"/></action></nop>\n");
            at = press;
        }
        boolean many = callerNumbers.size() > 1;
        Path scenario = scenario("caller.xml", "caller-" + n, Map.of("@CALLER@", many ? "[field0]" : callerNumbers.get(0),
                "@ACTIONS@", actions.toString(), "@HOLD_MS@", Long.toString(Math.max(1, script.holdMillis()))));
        List<String> args = new ArrayList<>(List.of(plan.asterisk() + ":" + plan.sipPort(), "-sf", scenario.toString(),
                "-s", dialled, "-i", plan.trunk(), "-p", "0", "-mi", plan.trunk(), "-mp", Integer.toString(mediaPort()),
                "-m", Integer.toString(callerNumbers.size()), "-r", Integer.toString(perSecond), "-rp", "1000",
                "-l", "1000", "-nostdin", "-timeout_error", "-max_recv_loops", "1000"));
        if (many) {
            Path injection = work.resolve("callers-" + n + ".csv");
            Files.writeString(injection, "SEQUENTIAL\n" + String.join(";\n", callerNumbers) + ";\n");
            args.addAll(List.of("-inf", injection.toString()));
        }
        return start("caller-" + n, args, null);
    }

    /** Registers a listener phone with Asterisk from {@code address:port}; returns once registered. */
    public void register(SipPhone phone) throws IOException, InterruptedException {
        int n = serial.incrementAndGet();
        Path scenario = scenario("register.xml", "register-" + n, Map.of("@USER@", phone.username(),
                "@PASSWORD@", phone.password(), "@EXPIRES@", "3600"));
        Run run = start("register-" + n, List.of(plan.asterisk() + ":" + plan.sipPort(), "-sf", scenario.toString(),
                "-i", phone.address(), "-p", Integer.toString(phone.port()), "-m", "1", "-nostdin",
                "-timeout", "15s", "-timeout_error"), null);
        int exit = run.await(Duration.ofSeconds(20));
        if (exit != 0) {
            throw new AssertionError("the phone " + phone.username() + " could not register (SIPp exit " + exit + ")");
        }
    }

    /**
     * The phone answering: rings on every call and answers after {@code answerAfter} (ring-out when the queue
     * gives up first). Runs until stopped; answers qualify OPTIONS.
     */
    public Run answer(SipPhone phone, Duration answerAfter) throws IOException {
        int n = serial.incrementAndGet();
        Path scenario = scenario("listener.xml", "phone-" + phone.username() + "-" + n,
                Map.of("@ANSWER_MS@", Long.toString(Math.max(1, answerAfter.toMillis()))));
        return start("phone-" + phone.username() + "-" + n, List.of("-sf", scenario.toString(), "-i", phone.address(),
                "-p", Integer.toString(phone.port()), "-mi", phone.address(), "-mp", Integer.toString(mediaPort()),
                "-aa", "-nostdin"), work.resolve("phone-" + phone.username() + "-" + n + "-messages.log"));
    }

    /** The phone of a listener already on the phone: rings {@code ring}, then declines (486 Busy Here). */
    public Run busy(SipPhone phone, Duration ring) throws IOException {
        int n = serial.incrementAndGet();
        Path scenario = scenario("busy-phone.xml", "busy-" + phone.username() + "-" + n,
                Map.of("@RING_MS@", Long.toString(Math.max(1, ring.toMillis()))));
        return start("busy-" + phone.username() + "-" + n, List.of("-sf", scenario.toString(), "-i", phone.address(),
                "-p", Integer.toString(phone.port()), "-mi", phone.address(), "-mp", Integer.toString(mediaPort()),
                "-aa", "-nostdin"), work.resolve("busy-" + phone.username() + "-" + n + "-messages.log"));
    }

    /** The crisis line at the trunk's address: answers at once, refuses {@code refusedNumber} with 503. */
    public Run crisisLine(String refusedNumber) throws IOException {
        int n = serial.incrementAndGet();
        Path scenario = scenario("crisis-line.xml", "crisis-" + n, Map.of("@REFUSED@", refusedNumber));
        return start("crisis-" + n, List.of("-sf", scenario.toString(), "-i", plan.trunk(), "-p",
                Integer.toString(plan.sipPort()), "-mi", plan.trunk(), "-mp", Integer.toString(mediaPort()),
                "-nostdin"), work.resolve("crisis-" + n + "-messages.log"));
    }

    /** Stops every SIPp still running. */
    public void stopAll() throws InterruptedException {
        for (Process p : running) {
            p.destroy();
        }
        for (Process p : running) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * The k-th press of 1 in a call, as RFC 4733 packets: SIPp's {@code dtmf_2833_1.pcap} with its RTP sequence
     * numbers and timestamp moved on by k presses. SIPp replays a pcap as recorded, and Asterisk takes a second
     * event with the timestamp of the first for a repeat of it and ignores it.
     */
    private Path pressOfOne(int k) throws IOException {
        Path file = work.resolve("press-1-" + k + ".pcap");
        if (Files.exists(file)) {
            return file;
        }
        java.nio.ByteBuffer pcap = java.nio.ByteBuffer.wrap(Files.readAllBytes(pcapDir.resolve("dtmf_2833_1.pcap")));
        pcap.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int offset = 24; // the global header; then records of 16-byte header + frame (Ethernet, IPv4, UDP, RTP)
        while (offset + 16 <= pcap.limit()) {
            int length = pcap.getInt(offset + 8);
            int frame = offset + 16;
            int rtp = frame + 14 + (pcap.get(frame + 14) & 0x0f) * 4 + 8;
            java.nio.ByteBuffer b = pcap.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN);
            b.putShort(rtp + 2, (short) (b.getShort(rtp + 2) + 16 * (k + 1)));
            b.putInt(rtp + 4, b.getInt(rtp + 4) + 16_000 * (k + 1));
            offset = frame + length;
        }
        Path part = work.resolve("press-1-" + k + ".pcap.part");
        Files.write(part, pcap.array());
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** A listener's softphone account and where it listens. */
    public record SipPhone(String username, String password, String address, int port) {
    }

    private final AtomicInteger media = new AtomicInteger();

    private int mediaPort() {
        return 21000 + 4 * (media.getAndIncrement() % 2000);
    }

    private Run start(String name, List<String> args, Path messages) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        if (messages != null) {
            command.addAll(List.of("-trace_msg", "-message_file", messages.toString()));
        }
        Path output = work.resolve(name + ".out");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        running.add(p);
        return new Run(p, output, messages);
    }

    private Path scenario(String template, String name, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = Sipp.class.getResourceAsStream("/calls/sipp/" + template)) {
            if (in == null) {
                throw new IllegalStateException("no scenario " + template);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace(v.getKey(), v.getValue());
        }
        Path file = work.resolve(name + ".xml");
        Files.writeString(file, text);
        return file;
    }
}
