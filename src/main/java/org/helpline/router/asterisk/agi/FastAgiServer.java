package org.helpline.router.asterisk.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The FastAGI server Asterisk connects to for every call. One acceptor thread hands each connection to a
 * bounded pool of workers with a bounded backlog; a connection that finds both full is closed at once, which
 * Asterisk's dialplan turns into its static safe path, so overload never means silence. Started and stopped
 * with the service; sessions in progress get {@code helpline.agi.stop-timeout} to finish.
 */
@ApplicationScoped
public class FastAgiServer {

    private static final Logger LOG = Logger.getLogger(FastAgiServer.class);

    private final AgiConfig config;
    private final Map<String, AgiScript> scripts;
    private final Counter rejected;
    private final MeterRegistry registry;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile ThreadPoolExecutor workers;
    private volatile boolean stopping;
    private volatile long lastRejectionLog;

    @Inject
    FastAgiServer(AgiConfig config, Instance<AgiScript> scripts, MeterRegistry registry) {
        this(config, scripts.stream().toList(), registry);
    }

    FastAgiServer(AgiConfig config, List<AgiScript> scripts, MeterRegistry registry) {
        this.config = config;
        this.scripts = scripts.stream().collect(Collectors.toUnmodifiableMap(AgiScript::name, Function.identity()));
        this.registry = registry;
        this.rejected = Counter.builder("helpline.agi.rejected")
                .description("FastAGI connections closed at once because every worker and backlog slot was busy")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!config.enabled()) {
            LOG.info("FastAGI server disabled (helpline.agi.enabled=false)");
            return;
        }
        int size = Math.max(1, config.poolSize());
        workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity())), new NamedThreads("helpline-agi"));
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()), 128);
        server = socket;
        Thread acceptor = new NamedThreads("helpline-agi-accept").newThread(this::acceptLoop);
        acceptor.start();
        LOG.infof("FastAGI server listening on %s:%d (scripts %s, %d workers)", config.bind(), socket.getLocalPort(),
                scripts.keySet(), size);
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops accepting, lets sessions in progress finish within the stop timeout, then cuts the rest. */
    public void stop() {
        stopping = true;
        closeQuietly(server);
        ThreadPoolExecutor pool = workers;
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                open.forEach(FastAgiServer::closeQuietly);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    /** Whether the server accepts connections. */
    public boolean listening() {
        ServerSocket s = server;
        return s != null && s.isBound() && !s.isClosed() && !stopping;
    }

    /** The port actually bound (useful with port 0), or -1 when not listening. */
    public int port() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    /** Sessions being answered or waiting for a worker. */
    public int activeSessions() {
        return open.size();
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!stopping) {
                    LOG.errorf("FastAGI accept failed: %s", e.getMessage());
                    pause();
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                open.add(socket);
                workers.execute(() -> handle(socket));
            } catch (RejectedExecutionException | IOException e) {
                open.remove(socket);
                closeQuietly(socket);
                rejected.increment();
                logRejection();
            }
        }
    }

    private void handle(Socket socket) {
        String outcome = "answered";
        try (socket) {
            AgiSession session = new AgiSession(socket, config.readTimeout());
            AgiEnvironment environment = session.readEnvironment();
            AgiScript script = scripts.get(environment.script());
            if (script == null) {
                outcome = "unknown-script";
                LOG.warnf("FastAGI request for an unknown script from %s", environment.channel());
                return;
            }
            script.answer(environment, session);
        } catch (SocketTimeoutException e) {
            outcome = "timeout";
            LOG.warnf("FastAGI session from %s dropped: Asterisk's side silent for %s", socket.getInetAddress(),
                    config.readTimeout());
        } catch (AgiSession.MalformedAgiException e) {
            outcome = "malformed";
            LOG.warnf("FastAGI session from %s dropped: malformed request (%s)", socket.getInetAddress(), e.getMessage());
        } catch (IOException e) {
            outcome = "connection-lost";
            LOG.infof("FastAGI session from %s ended early: %s", socket.getInetAddress(), e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            outcome = "error";
            // The type only: a message could quote request data.
            LOG.errorf("FastAGI session failed: %s", e.getClass().getName());
        } finally {
            open.remove(socket);
            registry.counter("helpline.agi.sessions", "outcome", outcome).increment();
        }
    }

    /** After a failed accept (e.g. out of file descriptors), so the loop does not spin. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logRejection() {
        long now = System.currentTimeMillis();
        if (now - lastRejectionLog > 1000) {
            lastRejectionLog = now;
            LOG.warnf("FastAGI saturated (%d workers, backlog %d): connections closed, calls take the safe path",
                    config.poolSize(), config.queueCapacity());
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing on the way out: nothing more to do
        }
    }
}
