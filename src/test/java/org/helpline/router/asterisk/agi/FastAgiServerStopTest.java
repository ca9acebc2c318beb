package org.helpline.router.asterisk.agi;

import org.helpline.router.support.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.helpline.router.support.AgiTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful stop of the FastAGI server, outside Quarkus: sessions in progress finish, stuck ones are cut. */
class FastAgiServerStopTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private FastAgiServer server;
    private volatile Thread worker;

    /** A script that waits for the test's signal (at most 10 s) before answering. */
    private final AgiScript slow = new AgiScript() {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public void answer(AgiEnvironment environment, AgiSession session) throws IOException {
            worker = Thread.currentThread();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.setVariable("DONE", "1");
        }
    };

    private void start(Duration stopTimeout) throws IOException {
        server = new FastAgiServer(config(stopTimeout), List.of(slow), new SimpleMeterRegistry());
        server.onStart(null);
        assertTrue(server.listening());
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        server.stop();
    }

    @Test
    void sessionInProgressFinishesThenNothingIsAccepted() throws Exception {
        start(Duration.ofSeconds(5));
        int port = server.port();
        try (AgiTestClient client = new AgiTestClient(port)) {
            Thread answering = new Thread(() -> {
                try {
                    client.converse(AgiTestClient.environment("slow", "PJSIP/trunk-1", "0800123456"));
                } catch (IOException ignored) {
                    // asserted below through the recorded commands
                }
            });
            answering.start();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            Thread stopping = new Thread(server::stop);
            stopping.start();
            Poll.until(() -> !server.listening(), Duration.ofSeconds(2), "stopped listening");
            release.countDown();
            stopping.join(5_000);
            answering.join(5_000);
            assertFalse(stopping.isAlive());
            assertEquals("1", client.variables().get("DONE"), "the session in progress got its answer");
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void stuckSessionIsCutAfterTheStopTimeout() throws Exception {
        start(Duration.ofMillis(300));
        try (AgiTestClient client = new AgiTestClient(server.port())) {
            client.send("agi_network_script: slow\nagi_channel: PJSIP/trunk-2\n\n");
            assertTrue(started.await(5, TimeUnit.SECONDS));
            long begin = System.nanoTime();
            server.stop();
            long millis = (System.nanoTime() - begin) / 1_000_000;
            assertTrue(millis < 3_000, "stop took " + millis + " ms");
            assertTrue(client.closedWithin(Duration.ofSeconds(2)), "the stuck session was cut");
        }
        Poll.until(() -> server.activeSessions() == 0, Duration.ofSeconds(2), "no session left");
        Thread worker = this.worker;
        worker.join(5_000);
        assertFalse(worker.isAlive(), "the worker thread ended");
    }

    private static AgiConfig config(Duration stopTimeout) {
        return AgiSettings.defaults().withStopTimeout(stopTimeout);
    }
}
