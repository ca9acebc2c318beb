package org.helpline.router.asterisk.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.helpline.router.platform.AddressAllowList;
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
 * The FastAGI server Asterisk connects to for every call. One acceptor thread closes at once any connection
 * {@link SourceGate} refuses (not from Asterisk's address, or too many from one address), then hands each other
 * connection to a bounded pool of workers with a bounded backlog; a connection that finds both full is closed at
 * once, which Asterisk's dialplan turns into its static safe path, so overload never means silence. A connection
 * must send its first line within {@code helpline.agi.first-line-timeout}. Started and stopped with the service;
 * sessions in progress get {@code helpline.agi.stop-timeout} to finish. Busy workers and the backlog are gauges, so
 * an alert can see the pool filling before connections are rejected.
 */
@ApplicationScoped
public class FastAgiServer {

    /** How long the acceptor waits for an idle worker to take its share of a burst ({@link #fullOnlyWhenEveryWorkerIsBusy}). */
    private static final java.time.Duration HANDOFF_GRACE = java.time.Duration.ofMillis(20);

    private static final Logger LOG = Logger.getLogger(FastAgiServer.class);

    private final AgiConfig config;
    private final Map<String, AgiScript> scripts;
    private final Counter rejected;
    private final Counter refusedSource;
    private final Counter refusedPerSource;
    private final SourceGate gate;
    private final MeterRegistry registry;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile ThreadPoolExecutor workers;
    private volatile boolean stopping;
    private volatile long lastRejectionLog;
    private volatile long lastRefusalLog;

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
        this.refusedSource = refusal("source").register(registry);
        this.refusedPerSource = refusal("per-source-limit").register(registry);
        this.gate = new SourceGate(allowList(config), config.maxConnectionsPerSource());
        Gauge.builder("helpline.agi.workers.busy", this, s -> s.pool(ThreadPoolExecutor::getActiveCount))
                .description("FastAGI workers answering a session now").register(registry);
        Gauge.builder("helpline.agi.workers.max", this, s -> s.pool(ThreadPoolExecutor::getMaximumPoolSize))
                .description("FastAGI workers (helpline.agi.pool-size)").register(registry);
        Gauge.builder("helpline.agi.backlog", this, s -> s.pool(p -> p.getQueue().size()))
                .description("FastAGI connections accepted and waiting for a worker").register(registry);
        Gauge.builder("helpline.agi.backlog.max", this, s -> s.pool(p -> p.getQueue().size() + p.getQueue().remainingCapacity()))
                .description("FastAGI backlog slots (helpline.agi.queue-capacity)").register(registry);
    }

    /** A figure of the worker pool; 0 while the server is not started. */
    private int pool(java.util.function.ToIntFunction<ThreadPoolExecutor> figure) {
        ThreadPoolExecutor pool = workers;
        return pool == null ? 0 : figure.applyAsInt(pool);
    }

    private static Counter.Builder refusal(String reason) {
        return Counter.builder("helpline.agi.refused").tag("reason", reason)
                .description("FastAGI connections closed at once: not from an allowed address, or too many from one");
    }

    private static AddressAllowList allowList(AgiConfig config) {
        try {
            return AddressAllowList.of(config.allowedSources());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("helpline.agi.allowed-sources: " + e.getMessage(), e);
        }
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!config.enabled()) {
            LOG.info("FastAGI server disabled (helpline.agi.enabled=false)");
            return;
        }
        int size = Math.max(1, config.poolSize());
        workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity())), new NamedThreads("helpline-agi"),
                FastAgiServer::fullOnlyWhenEveryWorkerIsBusy);
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()), 128);
        server = socket;
        Thread acceptor = new NamedThreads("helpline-agi-accept").newThread(this::acceptLoop);
        acceptor.start();
        LOG.infof("FastAGI server listening on %s:%d (scripts %s, %d workers, sources %s)", config.bind(),
                socket.getLocalPort(), scripts.keySet(), size, gate);
    }

    /**
     * A connection goes to the backlog, and the backlog hands it to an idle worker; in a burst the backlog can be
     * full for an instant while workers are idle, not yet woken to take their share. Such a connection is not
     * refused: the acceptor waits up to {@link #HANDOFF_GRACE} for a place. Only with every worker busy and the
     * backlog full is a connection refused at once (the caller takes the safe path).
     */
    private static void fullOnlyWhenEveryWorkerIsBusy(Runnable session, ThreadPoolExecutor pool) {
        if (!pool.isShutdown() && pool.getActiveCount() < pool.getMaximumPoolSize()) {
            try {
                if (pool.getQueue().offer(session, HANDOFF_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new RejectedExecutionException("every FastAGI worker busy and the backlog full");
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
            InetAddress source = socket.getInetAddress();
            SourceGate.Admission admission = gate.admit(source);
            if (admission != SourceGate.Admission.ADMITTED) {
                closeQuietly(socket);
                refused(admission, source);
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                open.add(socket);
                workers.execute(() -> handle(socket));
            } catch (RejectedExecutionException | IOException e) {
                open.remove(socket);
                gate.release(source);
                closeQuietly(socket);
                rejected.increment();
                logRejection();
            }
        }
    }

    private void handle(Socket socket) {
        String outcome = "answered";
        try (socket) {
            AgiSession session = new AgiSession(socket, config.firstLineTimeout(), config.readTimeout());
            AgiEnvironment environment = session.readEnvironment();
            AgiScript script = scripts.get(environment.script());
            if (script == null) {
                outcome = "unknown-script";
                LOG.warnf("FastAGI request for an unknown script from %s", environment.channel());
                return;
            }
            script.answer(environment, session);
        } catch (AgiSession.SilentClientException e) {
            outcome = "silent";
            LOG.warnf("FastAGI connection from %s dropped: no request within %s", socket.getInetAddress(),
                    config.firstLineTimeout());
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
            gate.release(socket.getInetAddress());
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

    private void refused(SourceGate.Admission admission, InetAddress source) {
        boolean notAllowed = admission == SourceGate.Admission.NOT_ALLOWED;
        (notAllowed ? refusedSource : refusedPerSource).increment();
        long now = System.currentTimeMillis();
        if (now - lastRefusalLog > 10_000) {
            lastRefusalLog = now;
            LOG.warnf(notAllowed ? "FastAGI connection from %s refused: not in helpline.agi.allowed-sources"
                    : "FastAGI connection from %s refused: it holds helpline.agi.max-connections-per-source already",
                    source.getHostAddress());
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
