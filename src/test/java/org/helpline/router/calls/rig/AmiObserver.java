package org.helpline.router.calls.rig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The test's own eyes on Asterisk: an AMI session as the observer user (which, unlike the service's user, reads
 * dialplan events), keeping every event in memory, reconnecting after an Asterisk restart. What a caller hears is
 * read from the {@code Newexten} events of their channel; a caller's channel is found by the caller number the
 * test gave it (seen on {@code Newchannel}, before the dialplan replaces it). Nothing is written anywhere.
 */
public final class AmiObserver implements AutoCloseable {

    /** Applications whose data is what the caller hears or what happens to the call. */
    private static final List<String> AUDIBLE = List.of("Playback", "SayDigits", "SayUnixTime", "Read", "Queue",
            "Dial", "Hangup");

    private final String host;
    private final int port;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile Socket socket;
    private final Thread reader;

    public AmiObserver(String host, int port) {
        this.host = host;
        this.port = port;
        this.reader = new Thread(this::readForever, "suite-ami-observer");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** One AMI event: its headers in order (repeated headers such as ChanVariable kept). */
    public record Event(Instant at, List<Map.Entry<String, String>> headers) {

        public String get(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        public String name() {
            return get("Event");
        }

        /** A {@code ChanVariable: NAME=value} header's value. */
        public String chanVariable(String variable) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase("ChanVariable") && h.getValue().startsWith(variable + "=")) {
                    return h.getValue().substring(variable.length() + 1);
                }
            }
            return null;
        }

        public boolean is(String event) {
            return event.equalsIgnoreCase(name());
        }
    }

    /** Whether the session is logged in now. */
    public boolean connected() {
        Socket s = socket;
        return s != null && !s.isClosed();
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits for an event matching the predicate (among those already seen too). */
    public Event await(Predicate<Event> match, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (Event e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": no such AMI event within " + limit);
            }
            sleep(50);
        }
    }

    /** The unique id of the trunk channel of the call placed from this caller number. */
    public String callerChannel(String callerNumber, Duration limit) {
        return await(e -> e.is("Newchannel") && callerNumber.equals(e.get("CallerIDNum"))
                        && String.valueOf(e.get("Channel")).startsWith("PJSIP/trunk-"),
                limit, "the call of a test caller").get("Uniqueid");
    }

    /** What the caller of this channel has heard so far, as {@code App(data)} in order. */
    public List<String> heard(String uniqueid) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (!e.is("Newexten") || !uniqueid.equals(e.get("Uniqueid"))) {
                continue;
            }
            String app = e.get("Application");
            String data = e.get("AppData");
            if ("ExecIf".equals(app) && data != null && data.startsWith("1?")) {
                // ExecIf(1?App(args)): the condition, already evaluated, was true, so App ran.
                String inner = data.substring(2);
                int open = inner.indexOf('(');
                app = open < 0 ? inner : inner.substring(0, open);
                data = open < 0 ? "" : inner.substring(open + 1, inner.endsWith(")") ? inner.length() - 1 : inner.length());
            }
            if (AUDIBLE.contains(app)) {
                out.add(app + "(" + data + ")");
            }
        }
        return out;
    }

    /**
     * Waits until what the caller heard contains these entries in this order (other entries between allowed); an
     * entry not ending with ')' matches as a prefix.
     */
    public List<String> awaitHeard(String uniqueid, List<String> sequence, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<String> heard = heard(uniqueid);
            if (containsInOrder(heard, sequence)) {
                return heard;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected the caller to hear " + sequence + " in order, heard " + heard);
            }
            sleep(50);
        }
    }

    /** The last value a dialplan variable took on the channel (VarSet), if any. */
    public Optional<String> variable(String uniqueid, String name) {
        String value = null;
        for (Event e : events) {
            if (e.is("VarSet") && uniqueid.equals(e.get("Uniqueid")) && name.equals(e.get("Variable"))) {
                value = e.get("Value");
            }
        }
        return Optional.ofNullable(value);
    }

    /** The channel's Hangup event, once it has hung up. */
    public Event awaitHangup(String uniqueid, Duration limit) {
        return await(e -> e.is("Hangup") && uniqueid.equals(e.get("Uniqueid")), limit, "hang-up of " + uniqueid);
    }

    public Optional<Event> hangup(String uniqueid) {
        return events.stream().filter(e -> e.is("Hangup") && uniqueid.equals(e.get("Uniqueid"))).findFirst();
    }

    /** Events the service's own AMI user never receives (manager.conf eventfilter) or is not entitled to read. */
    private static final List<String> NOT_FOR_THE_SERVICE = List.of("Newexten", "VarSet", "DTMFBegin", "DTMFEnd",
            "RTCPSent", "RTCPReceived", "UserEvent", "AGIExecStart", "AGIExecEnd", "AsyncAGIStart", "AsyncAGIEnd");

    /**
     * A capture of one call as the service's AMI user would read it, in the format of
     * {@code src/test/resources/asterisk-transcripts/}: the events of the call's channels (its linked id) and of
     * its queue while it lasted, dialplan events left out.
     */
    public String transcript(String callerUniqueid, String queue) {
        Instant first = null;
        Instant last = null;
        for (Event e : events) {
            if (callerUniqueid.equals(e.get("Linkedid"))) {
                first = first == null ? e.at() : first;
                last = e.at();
            }
        }
        StringBuilder out = new StringBuilder();
        for (Event e : events) {
            if (NOT_FOR_THE_SERVICE.contains(e.name())) {
                continue;
            }
            boolean ofCall = callerUniqueid.equals(e.get("Linkedid"));
            boolean ofQueue = queue != null && queue.equals(e.get("Queue")) && first != null
                    && !e.at().isBefore(first) && !e.at().isAfter(last);
            if (ofCall || ofQueue) {
                e.headers().forEach(h -> out.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        running = false;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void readForever() {
        while (running) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 2000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                in.readLine(); // banner
                out.write(("Action: Login\r\nUsername: " + AsteriskUnderTest.OBSERVER_USER + "\r\nSecret: "
                        + AsteriskUnderTest.OBSERVER_SECRET + "\r\nEvents: on\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                socket = s;
                List<Map.Entry<String, String>> block = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!block.isEmpty()) {
                            Event e = new Event(Instant.now(), List.copyOf(block));
                            if (e.name() != null) {
                                events.add(e);
                            }
                            block.clear();
                        }
                        continue;
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        block.add(Map.entry(line.substring(0, colon).trim(),
                                line.substring(colon + 1).trim()));
                    }
                }
            } catch (IOException e) {
                // Asterisk not (yet, or no longer) there: try again
            } finally {
                socket = null;
            }
            sleep(200);
        }
    }

    /** In order; an expected entry that does not end with ')' is a prefix (e.g. {@code Dial(PJSIP/trunk/sip:3114@}). */
    private static boolean containsInOrder(List<String> heard, List<String> sequence) {
        int i = 0;
        for (String h : heard) {
            String expected = i < sequence.size() ? sequence.get(i) : null;
            if (expected != null && (h.equals(expected) || (!expected.endsWith(")") && h.startsWith(expected)))) {
                i++;
            }
        }
        return i == sequence.size();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Linked map view for debugging a failed assertion (never logged by the suite: events hold numbers). */
    static Map<String, String> flat(Event e) {
        Map<String, String> m = new LinkedHashMap<>();
        e.headers().forEach(h -> m.putIfAbsent(h.getKey(), h.getValue()));
        return m;
    }
}
