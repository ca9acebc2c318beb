package org.helpline.router.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network between an instance and PostgreSQL, as a plain TCP relay on a fixed local port: the database behind
 * it can move (a restarted server gets another port) and the network can go silent, carrying nothing either way
 * while every connection stays open — what a host gone or a cable pulled looks like from the instance.
 */
final class DatabaseRelay implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile int target;
    private boolean silent;

    private DatabaseRelay(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    static DatabaseRelay to(int targetPort) throws IOException {
        DatabaseRelay relay = new DatabaseRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        Thread accept = new Thread(relay::accept, "database-relay");
        accept.setDaemon(true);
        accept.start();
        return relay;
    }

    int port() {
        return server.getLocalPort();
    }

    /** New connections go to this port from now on. */
    void retarget(int targetPort) {
        target = targetPort;
    }

    /** Carries nothing more, either way, without closing anything; {@code false} carries again. */
    void silent(boolean silent) {
        synchronized (gate) {
            this.silent = silent;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        silent(false);
        for (Socket s : open) {
            close(s);
        }
        close(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException refused) {
                    close(client); // nothing listens there: the instance sees its connection end at once
                    continue;
                }
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitCarrying();
                    out.write(buffer, 0, n);
                    out.flush();
                }
                awaitCarrying(); // even an end is not carried while the network is silent
            } catch (IOException | InterruptedException ignored) {
                // one side closed: close the other too
            } finally {
                close(from);
                close(to);
            }
        }, "database-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private void awaitCarrying() throws InterruptedException {
        synchronized (gate) {
            while (silent) {
                gate.wait();
            }
        }
    }

    private static void close(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
