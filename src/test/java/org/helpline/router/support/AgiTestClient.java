package org.helpline.router.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays Asterisk's side of a FastAGI session over a real TCP socket, as recorded in
 * {@code asterisk-transcripts/agi-route-sessions.txt}: sends the {@code agi_} environment and a blank line, then
 * answers every command with {@code 200 result=1} and records it, until the server closes the connection.
 * It can also misbehave: hang up mid-session (a {@code HANGUP} line, after which Asterisk still answers
 * {@code 200 result=1}), withhold the blank line, or send garbage.
 */
public final class AgiTestClient implements AutoCloseable {

    /** The caller number of the recorded sessions: must never appear in the service's logs. */
    public static final String CALLER_NUMBER = "0612345678";

    private static final Pattern SET_VARIABLE = Pattern.compile("^SET VARIABLE \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\"$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> commands = new ArrayList<>();
    private boolean hangUpAfterEnvironment;

    public AgiTestClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    private AgiTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * A client whose connection comes from another loopback address ({@code 127.0.0.2}: on Linux all of 127/8 is
     * the loopback interface), as a host other than Asterisk's would.
     */
    public static AgiTestClient from(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
        return new AgiTestClient(socket);
    }

    /** The environment Asterisk 22 sends for {@code AGI(agi://127.0.0.1:4573/<script>[,args])}. */
    public static Map<String, String> environment(String script, String channel, String dnid, String... args) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("agi_network", "yes");
        env.put("agi_network_script", script);
        env.put("agi_request", "agi://127.0.0.1:4573/" + script);
        env.put("agi_channel", channel);
        env.put("agi_language", "en");
        env.put("agi_type", "PJSIP");
        env.put("agi_uniqueid", "1795418126.8");
        env.put("agi_version", "22.10.1");
        env.put("agi_callerid", CALLER_NUMBER);
        env.put("agi_calleridname", "unknown");
        env.put("agi_callingpres", "0");
        env.put("agi_dnid", dnid == null ? "unknown" : dnid);
        env.put("agi_rdnis", "unknown");
        env.put("agi_context", "from-trunk");
        env.put("agi_extension", dnid == null ? "s" : dnid);
        env.put("agi_priority", "3");
        env.put("agi_enhanced", "0.0");
        env.put("agi_accountcode", "");
        env.put("agi_threadid", "139799396746944");
        for (int i = 0; i < args.length; i++) {
            env.put("agi_arg_" + (i + 1), args[i]);
        }
        return env;
    }

    /** The environment of a call to the route script for a dialled number. */
    public static Map<String, String> route(String dnid, String... args) {
        return environment("route", "PJSIP/trunk-00000008", dnid, args);
    }

    /** A secret of the shape the dialplan's {@code SHA1()} gives, for feature codes. */
    public static final String SECRET = "5f0c1e9a3b7d2c4e6a8b0d1f3e5c7a9b2d4f6e8a";

    /**
     * The environment Asterisk 22 sends for a listener's feature code, as recorded in
     * {@code asterisk-transcripts/agi-listener-sessions.txt}: {@code [helpline-feature-ask]} runs
     * {@code AGI(agi://…/listener,<command>,<reason>,<phone channel>,<secret>)} on the ;2 side of a Local channel
     * the phone's channel dialled.
     */
    public static Map<String, String> featureCode(String phoneChannel, String secret, String command, String reason) {
        String exten = command + "-" + (reason == null ? "" : reason);
        Map<String, String> env = environment("listener", "Local/" + exten + "@helpline-feature-ask-0000001c;2", null,
                command, reason == null ? "" : reason, phoneChannel, secret);
        env.put("agi_type", "Local");
        env.put("agi_uniqueid", "1795418126.31");
        env.put("agi_callerid", "suitel01");
        env.put("agi_calleridname", "suite-l01");
        env.put("agi_context", "helpline-feature-ask");
        env.put("agi_extension", exten);
        env.put("agi_priority", "3");
        return env;
    }

    /** A feature code from a listener's phone channel with the secret the test's fake Asterisk holds. */
    public static Map<String, String> featureCode(String phoneChannel, String command, String reason) {
        return featureCode(phoneChannel, SECRET, command, reason);
    }

    /** After the blank line, say at once that the caller hung up, as Asterisk does when the caller leaves. */
    public AgiTestClient hangingUpMidSession() {
        hangUpAfterEnvironment = true;
        return this;
    }

    /** Sends the environment and answers every command until the server closes; returns the commands. */
    public List<String> converse(Map<String, String> environment) throws IOException {
        StringBuilder text = new StringBuilder();
        environment.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append('\n');
        if (hangUpAfterEnvironment) {
            text.append("HANGUP\n");
        }
        send(text.toString());
        String line;
        while ((line = readLine()) != null) {
            commands.add(line);
            send("200 result=1\n");
        }
        return List.copyOf(commands);
    }

    /** Sends raw bytes: garbage, or an environment without its blank line. */
    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Waits for the server to close the connection, reading and recording anything it sends.
     *
     * @return whether it closed within {@code limit}
     */
    public boolean closedWithin(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        try {
            String line;
            while ((line = readLine()) != null) {
                commands.add(line);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server: closed too
        }
    }

    /** The commands received so far. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The channel variables set by the commands received, in order. */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String command : commands) {
            Matcher m = SET_VARIABLE.matcher(command);
            if (m.matches()) {
                vars.put(unescape(m.group(1)), unescape(m.group(2)));
            }
        }
        return vars;
    }

    private static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
