package org.helpline.router.bench;

import org.helpline.router.bench.LatencySample.Outcome;
import org.helpline.router.support.AgiTestClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Load generator of the FastAGI benchmark ({@code scripts/bench}, see docs/benchmarks.md): plays Asterisk's side of
 * {@code route} sessions against a running service on 127.0.0.1 only, a new TCP connection per session as Asterisk
 * does, and prints a Markdown table of client-side latencies. Not a test: surefire never runs it.
 *
 * <p>Usage: {@code AgiLoad <agi-port> <dialled-number>}; system properties {@code bench.warmup} (sessions, 500),
 * {@code bench.sequential} (2000), {@code bench.clients} (8,32), {@code bench.seconds} (per concurrent phase, 10),
 * {@code bench.max-sessions} (per concurrent phase, 6000), {@code bench.burst} (simultaneous calls, 160).
 * Exits 1 when a session that should have been answered was not answered {@code QUEUE}.
 */
public final class AgiLoad {

    private final int port;
    private final Map<String, String> environment;

    AgiLoad(int port, String dialled) {
        this.port = port;
        this.environment = AgiTestClient.route(dialled);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AgiLoad <agi-port> <dialled-number>");
            System.exit(2);
        }
        AgiLoad load = new AgiLoad(Integer.parseInt(args[0]), args[1]);
        int warmup = Integer.getInteger("bench.warmup", 500);
        int sequential = Integer.getInteger("bench.sequential", 2000);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int maxSessions = Integer.getInteger("bench.max-sessions", 6000);
        int burst = Integer.getInteger("bench.burst", 160);
        int[] clients = Arrays.stream(System.getProperty("bench.clients", "8,32").split(","))
                .mapToInt(Integer::parseInt).toArray();

        List<String> rows = new ArrayList<>();
        boolean failed = false;
        LatencySample first = load.concurrent(1, 1, 60);
        rows.add(first.row("first session after start (cold)", 1));
        LatencySample warm = load.concurrent(1, warmup, 60);
        rows.add(warm.row("warm-up (sequential)", 1));
        LatencySample seq = load.concurrent(1, sequential, 300);
        rows.add(seq.row("sequential", 1));
        failed |= seq.count(Outcome.QUEUE) != seq.size();
        for (int n : clients) {
            LatencySample parallel = load.concurrent(n, maxSessions, seconds);
            rows.add(parallel.row("concurrent, " + seconds + " s or " + maxSessions + " sessions", n));
            failed |= parallel.count(Outcome.QUEUE) != parallel.size();
        }
        rows.add(load.burst(burst, false).row("burst: all connect at once, each sends at once", burst));
        rows.add(load.burst(burst, true).row("burst: all connect, then all send (stalled Asterisk)", burst));
        LatencySample after = load.concurrent(1, 200, 60);
        rows.add(after.row("sequential after the bursts", 1));
        failed |= after.count(Outcome.QUEUE) != after.size();

        System.out.println(LatencySample.header());
        rows.forEach(System.out::println);
        System.exit(failed ? 1 : 0);
    }

    /** {@code clients} threads, each running sessions back to back until {@code total} or the time is up. */
    LatencySample concurrent(int clients, int total, int seconds) throws InterruptedException {
        LatencySample sample = new LatencySample(total);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.execute(() -> {
                int slot;
                while (System.nanoTime() < deadline && (slot = sample.reserve()) >= 0) {
                    long t0 = System.nanoTime();
                    Outcome outcome = session(connect());
                    sample.record(slot, System.nanoTime() - t0, outcome);
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        sample.elapsed(System.nanoTime() - started);
        return sample;
    }

    /**
     * {@code calls} sessions at the same instant, more than the workers plus the backlog can hold. With
     * {@code stalled}, every connection is opened first and the environments are sent only once all are
     * connected (an Asterisk slow to talk): the workers and the backlog fill, the rest must be closed at once.
     */
    private LatencySample burst(int calls, boolean stalled) throws InterruptedException {
        LatencySample sample = new LatencySample(calls);
        AgiTestClient[] connected = new AgiTestClient[calls];
        if (stalled) {
            for (int i = 0; i < calls; i++) {
                connected[i] = connect();
            }
            Thread.sleep(300); // well under the server's read timeout: lets the acceptor take every connection
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        long[] started = new long[1]; // set just before the start signal, which publishes it to every thread
        for (int i = 0; i < calls; i++) {
            int call = i;
            threads.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                // stalled: timed from the moment the environment is sent, the hold above is not the service's
                long t0 = stalled ? started[0] : System.nanoTime();
                Outcome outcome = session(stalled ? connected[call] : connect());
                sample.record(sample.reserve(), System.nanoTime() - t0, outcome);
            });
        }
        started[0] = System.nanoTime();
        go.countDown();
        threads.shutdown();
        threads.awaitTermination(60, TimeUnit.SECONDS);
        sample.elapsed(System.nanoTime() - started[0]);
        return sample;
    }

    private AgiTestClient connect() {
        try {
            return new AgiTestClient(port);
        } catch (IOException e) {
            return null;
        }
    }

    private Outcome session(AgiTestClient client) {
        if (client == null) {
            return Outcome.ERROR;
        }
        try (client) {
            client.converse(environment);
        } catch (java.net.SocketTimeoutException e) {
            return Outcome.ERROR; // the service stayed silent for 5 s: the worst case, never a rejection
        } catch (IOException e) {
            // reset by the server: a rejection when nothing was said before
        }
        if (client.commands().isEmpty()) {
            return Outcome.REJECTED;
        }
        return "QUEUE".equals(client.variables().get("HELPLINE_ACTION")) ? Outcome.QUEUE : Outcome.OTHER_ACTION;
    }
}
