package org.helpline.router.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Manager Interface server for tests, over real TCP: sends the banner {@code Asterisk Call Manager/11.0.0},
 * answers {@code Login}, {@code Ping}, the event lists {@code QueueStatus}, {@code QueueSummary},
 * {@code CoreShowChannels} and {@code PJSIPShowContacts} (from the state set by the test; no contact is an error,
 * as in Asterisk), {@code Getvar} of {@code UNIQUEID}, {@code CHANNEL(appname)}, {@code CHANNEL(appdata)} and of
 * the dialplan variables the test set ({@link #variables}) on a channel of that list (as Asterisk 22's
 * {@code action_getvar} answers: {@code Variable}/{@code Value}, an empty value for a variable the channel does not
 * have, or {@code No such channel}), queue actions and {@code Reload} (recorded; answered Success unless a reply is
 * scripted), and pushes event blocks to every connected client. It can be stopped and
 * restarted on the same port, told to ignore pings (a half-open link), and fed raw bytes.
 */
public final class FakeAmiServer implements AutoCloseable {

    public static final String BANNER = "Asterisk Call Manager/11.0.0";

    private final int port;
    private volatile ServerSocket server;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private volatile List<String> queueStatus = List.of();
    private volatile List<String> channels = List.of();
    private final Map<String, Map<String, String>> variables = new ConcurrentHashMap<>();
    private volatile List<String> contacts = List.of();
    private volatile boolean answerPings = true;
    private volatile boolean refuseLogins;

    private FakeAmiServer(int port) {
        this.port = port;
    }

    /** Starts listening on a port. */
    public static FakeAmiServer startOn(int port) throws IOException {
        FakeAmiServer s = new FakeAmiServer(port);
        s.listen();
        return s;
    }

    /** A port free now on the loopback interface. */
    public static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Accepts connections again (after {@link #stop()}), on the same port. */
    public synchronized void listen() throws IOException {
        if (server != null && !server.isClosed()) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        Thread t = new Thread(() -> acceptLoop(s), "fake-ami-accept");
        t.setDaemon(true);
        t.start();
    }

    /** Closes the listening socket and every client connection: Asterisk went away. */
    public synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        dropClients();
    }

    /** Drops every client connection but keeps listening (the client reconnects and resyncs). */
    public void dropClients() {
        clients.forEach(Client::close);
        clients.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /** The blocks (without ActionID) served as the {@code QueueStatus} list. */
    public void queueStatus(List<String> blocks) {
        queueStatus = List.copyOf(blocks);
    }

    /** The blocks served as the {@code CoreShowChannels} list; the channels' {@link #variables} are forgotten. */
    public void channels(List<String> blocks) {
        variables.clear();
        channels = List.copyOf(blocks);
    }

    /**
     * The dialplan variables a channel of the {@code CoreShowChannels} list holds, for {@code Getvar} (not listed as
     * {@code ChanVariable}: Asterisk lists only manager.conf's {@code channelvars}).
     */
    public void variables(String channel, Map<String, String> values) {
        variables.put(channel.toLowerCase(java.util.Locale.ROOT), Map.copyOf(values));
    }

    /** The blocks served as the {@code PJSIPShowContacts} list ({@code ContactList} events); none answers an error. */
    public void contacts(List<String> blocks) {
        contacts = List.copyOf(blocks);
    }

    /**
     * Scripts the response block (without ActionID) to an action, e.g. {@code Response: Error\nMessage: Member not
     * dynamic}; an empty block means no answer at all (a stuck Asterisk); null removes the script.
     */
    public void reply(String action, String response) {
        if (response == null) {
            replies.remove(action);
        } else {
            replies.put(action, response);
        }
    }

    /** Whether logins are refused, as Asterisk answers a wrong user or secret. */
    public void refuseLogins(boolean refuse) {
        refuseLogins = refuse;
    }

    /** Whether pings are answered; false simulates a half-open link. */
    public void answerPings(boolean answer) {
        answerPings = answer;
    }

    /** Sends an event block (lines separated by {@code \n}) to every connected client. */
    public void send(String block) {
        raw(block.strip().replace("\n", "\r\n") + "\r\n\r\n");
    }

    /** Sends raw text to every connected client. */
    public void raw(String text) {
        clients.forEach(c -> c.write(text));
    }

    /** Every action received, in order, as header maps (excluding pings). */
    public List<Map<String, String>> actions() {
        return List.copyOf(actions);
    }

    /** The actions named {@code name}. */
    public List<Map<String, String>> actions(String name) {
        return actions.stream().filter(a -> name.equalsIgnoreCase(a.get("Action"))).toList();
    }

    public int clientCount() {
        return (int) clients.stream().filter(c -> c.loggedIn).count();
    }

    /** Waits until a client has logged in and read the whole resync, or fails. */
    public void awaitResync(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (clients.stream().anyMatch(c -> c.listsServed >= 3)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no client resynchronised within " + timeout);
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                Client c = new Client(socket);
                clients.add(c);
                Thread t = new Thread(c::serve, "fake-ami-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private String answer(Map<String, String> action, Client c) {
        String id = action.getOrDefault("ActionID", "");
        String name = action.getOrDefault("Action", "");
        switch (name.toLowerCase()) {
            case "login" -> {
                if (refuseLogins) {
                    return block("Response: Error", "ActionID: " + id, "Message: Authentication failed");
                }
                c.loggedIn = true;
                return block("Response: Success", "ActionID: " + id, "Message: Authentication accepted")
                        + block("Event: FullyBooted", "Privilege: system,all", "Uptime: 11", "LastReload: 11", "Status: Fully Booted");
            }
            case "ping" -> {
                return answerPings ? block("Response: Success", "ActionID: " + id, "Ping: Pong",
                        "Timestamp: " + Instant.now().getEpochSecond() + ".000000") : "";
            }
            case "queuestatus" -> {
                return list(id, "Queue status will follow", queueStatus, "QueueStatusComplete", c);
            }
            case "queuesummary" -> {
                return list(id, "Queue summary will follow", List.of(), "QueueSummaryComplete", c);
            }
            case "coreshowchannels" -> {
                return list(id, "Channels will follow", channels, "CoreShowChannelsComplete", c);
            }
            case "pjsipshowcontacts" -> {
                if (contacts.isEmpty()) {
                    return block("Response: Error", "ActionID: " + id, "Message: No Contacts found");
                }
                return list(id, "A listing of Contacts follows, presented as ContactList events", contacts,
                        "ContactListComplete", c);
            }
            case "getvar" -> {
                String scripted = replies.get(name);
                return scripted != null ? scripted(scripted, id) : getvar(action, id);
            }
            case "logoff" -> {
                return block("Response: Goodbye", "ActionID: " + id, "Message: Thanks for all the fish.");
            }
            default -> {
                String scripted = replies.get(name);
                if (scripted != null) {
                    return scripted(scripted, id);
                }
                if (List.of("queueadd", "queueremove", "queuepause").contains(name.toLowerCase())) {
                    return block("Response: Success", "ActionID: " + id, "Message: Done");
                }
                if ("reload".equalsIgnoreCase(name)) {
                    return block("Response: Success", "ActionID: " + id, "Message: Module Reloaded");
                }
                return block("Response: Error", "ActionID: " + id,
                        "Message: Invalid/unknown command: " + name + ". Use Action: ListCommands to show available commands.");
            }
        }
    }

    private static String scripted(String reply, String id) {
        return reply.isEmpty() ? "" : reply.strip().replace("\n", "\r\n") + "\r\nActionID: " + id + "\r\n\r\n";
    }

    /** A channel variable of a channel in the {@code CoreShowChannels} list (names compared as Asterisk does, ignoring case). */
    private String getvar(Map<String, String> action, String id) {
        String channel = action.getOrDefault("Channel", "");
        String variable = action.getOrDefault("Variable", "");
        Map<String, String> found = null;
        for (String block : channels) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : block.strip().split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            if (channel.equalsIgnoreCase(headers.get("Channel"))) {
                found = headers;
                break;
            }
        }
        if (found == null) {
            return block("Response: Error", "ActionID: " + id, "Message: No such channel");
        }
        String value = switch (variable) {
            case "UNIQUEID" -> found.getOrDefault("Uniqueid", "");
            case "CHANNEL(appname)" -> found.getOrDefault("Application", "");
            case "CHANNEL(appdata)" -> found.getOrDefault("ApplicationData", "");
            default -> variables.getOrDefault(channel.toLowerCase(java.util.Locale.ROOT), Map.of())
                    .getOrDefault(variable, "");
        };
        return block("Response: Success", "ActionID: " + id, "Variable: " + variable, "Value: " + value);
    }

    private static String list(String id, String message, List<String> items, String complete, Client c) {
        StringBuilder b = new StringBuilder(block("Response: Success", "ActionID: " + id, "EventList: start", "Message: " + message));
        for (String item : items) {
            b.append(item.strip().replace("\n", "\r\n")).append("\r\nActionID: ").append(id).append("\r\n\r\n");
        }
        b.append(block("Event: " + complete, "ActionID: " + id, "EventList: Complete", "ListItems: " + items.size()));
        c.listsServed++;
        return b.toString();
    }

    private static String block(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    /** One connected client. */
    private final class Client {
        private final Socket socket;
        private OutputStream out;
        volatile boolean loggedIn;
        volatile int listsServed;

        Client(Socket socket) {
            this.socket = socket;
        }

        void serve() {
            try (socket) {
                out = socket.getOutputStream();
                write(BANNER + "\r\n");
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                Map<String, String> action = new LinkedHashMap<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            action.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                        }
                        continue;
                    }
                    if (action.isEmpty()) {
                        continue;
                    }
                    if (!"Ping".equalsIgnoreCase(action.get("Action"))) {
                        actions.add(Map.copyOf(action));
                    }
                    write(answer(action, this));
                    if ("Logoff".equalsIgnoreCase(action.get("Action"))) {
                        return;
                    }
                    action = new LinkedHashMap<>();
                }
            } catch (IOException e) {
                // client gone
            } finally {
                clients.remove(this);
            }
        }

        synchronized void write(String text) {
            if (out == null || text.isEmpty()) {
                return;
            }
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

}
