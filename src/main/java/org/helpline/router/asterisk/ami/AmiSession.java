package org.helpline.router.asterisk.ami;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One TCP session with the Manager Interface: reads the banner, then a reader thread splits the stream into
 * blocks; responses complete the action that carried their {@code ActionID} (event lists are collected up to
 * their {@code EventList: Complete}); every other event goes to the listener, in wire order, on the reader
 * thread (which must hand it off at once).
 */
final class AmiSession implements Closeable {

    static final String BANNER = "Asterisk Call Manager/";

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final Consumer<AmiMessage> events;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);

    private AmiSession(Socket socket, Consumer<AmiMessage> events) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        this.events = events;
    }

    /** Connects and checks the banner; the read timeout makes a silent (half-open) socket fail. */
    static AmiSession open(String host, int port, Duration connectTimeout, Duration readTimeout,
                           Consumer<AmiMessage> events) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) connectTimeout.toMillis());
            AmiSession session = new AmiSession(socket, events);
            String banner = session.in.readLine();
            if (banner == null || !banner.startsWith(BANNER)) {
                throw new IOException("not an Asterisk manager interface");
            }
            socket.setSoTimeout((int) readTimeout.toMillis());
            Thread reader = new Thread(session::readLoop, "ami-reader");
            reader.setDaemon(true);
            reader.start();
            return session;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends an action; the future completes with its response. */
    CompletableFuture<AmiMessage> send(Map<String, String> action) {
        Pending p = new Pending(null);
        String id = write(action, p);
        p.response.whenComplete((r, e) -> pending.remove(id, p));
        return p.response;
    }

    /**
     * Sends an action that answers with an event list; {@code onComplete} runs on the reader thread, in wire
     * order with the other events, when the list is complete. The future fails on an error response.
     */
    CompletableFuture<List<AmiMessage>> sendList(Map<String, String> action, Consumer<List<AmiMessage>> onComplete) {
        Pending p = new Pending(onComplete);
        write(action, p);
        p.response.whenComplete((r, e) -> {
            if (e == null && !"start".equalsIgnoreCase(r.get("EventList"))) {
                p.list.completeExceptionally(new AmiActionFailed(r.get("Message")));
            } else if (e != null) {
                p.list.completeExceptionally(e);
            }
        });
        return p.list;
    }

    private String write(Map<String, String> action, Pending p) {
        String id = Long.toString(ids.incrementAndGet());
        StringBuilder block = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>(action);
        headers.put("ActionID", id);
        headers.forEach((k, v) -> block.append(k).append(": ").append(clean(v)).append("\r\n"));
        block.append("\r\n");
        pending.put(id, p);
        try {
            synchronized (out) {
                out.write(block.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            p.fail(e);
            close();
        }
        return id;
    }

    /** Header values never carry line breaks: a value with one would inject a header. */
    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[\\r\\n]", " ");
    }

    private void readLoop() {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                    continue;
                }
                if (!lines.isEmpty()) {
                    dispatch(AmiMessage.parse(lines));
                    lines.clear();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Read timeout, reset or a broken block: the session ends and the connection reconnects.
        } finally {
            close();
        }
    }

    private void dispatch(AmiMessage m) {
        if (m.isEmpty()) {
            return;
        }
        String id = m.actionId();
        Pending p = id == null ? null : pending.get(id);
        // A block with an Event header is an event even when it has a Response header too: security events
        // (ChallengeResponseFailed) carry the digest a phone sent as "Response".
        if (m.event() == null && m.response() != null) {
            if (p != null) {
                boolean listStarts = p.onComplete != null && "Success".equalsIgnoreCase(m.response())
                        && "start".equalsIgnoreCase(m.get("EventList"));
                if (!listStarts) {
                    pending.remove(id);
                }
                p.response.complete(m);
            }
            return;
        }
        if (p != null && p.onComplete != null) {
            if ("Complete".equalsIgnoreCase(m.get("EventList"))) {
                pending.remove(id);
                List<AmiMessage> items = List.copyOf(p.items);
                p.onComplete.accept(items);
                p.list.complete(items);
            } else {
                p.items.add(m);
            }
            return;
        }
        if (m.event() != null) {
            events.accept(m);
        }
    }

    /** Waits until the session closes; true if it did within the timeout. */
    boolean awaitClose(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return closed.getCount() > 0;
    }

    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a broken socket: nothing more to do.
        }
        IOException gone = new IOException("AMI session closed");
        pending.values().forEach(p -> p.fail(gone));
        pending.clear();
    }

    /** An action awaiting its response (and, for event lists, its items). */
    private static final class Pending {
        final CompletableFuture<AmiMessage> response = new CompletableFuture<>();
        final CompletableFuture<List<AmiMessage>> list = new CompletableFuture<>();
        final List<AmiMessage> items = new ArrayList<>();
        final Consumer<List<AmiMessage>> onComplete;

        Pending(Consumer<List<AmiMessage>> onComplete) {
            this.onComplete = onComplete;
        }

        void fail(Throwable e) {
            response.completeExceptionally(e);
            list.completeExceptionally(e);
        }
    }

    /** Asterisk answered an action with {@code Response: Error}. */
    static final class AmiActionFailed extends RuntimeException {
        AmiActionFailed(String message) {
            super(message == null ? "error" : message, null, false, false);
        }
    }
}
