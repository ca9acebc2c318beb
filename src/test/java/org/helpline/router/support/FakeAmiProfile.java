package org.helpline.router.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Test profile whose AMI link points at a {@link FakeAmiServer}, with short timeouts so drops, half-open
 * links and timeouts show within a second or two. Other test classes keep AMI on a closed port.
 */
public class FakeAmiProfile implements QuarkusTestProfile {

    private static final String PORT = "fakeami.test.port";
    private static FakeAmiServer server;

    /**
     * The fake's port, chosen once per JVM. Kept in a system property because Quarkus loads the profile and
     * the test class in different class loaders: only the port can be shared, not the server object.
     */
    public static int port() {
        synchronized (System.getProperties()) {
            String p = System.getProperty(PORT);
            if (p == null) {
                p = String.valueOf(FakeAmiServer.freePort());
                System.setProperty(PORT, p);
            }
            return Integer.parseInt(p);
        }
    }

    /**
     * The running fake, started by the test on first use. The service need not find it at start-up: it keeps
     * reconnecting until the fake listens.
     */
    public static synchronized FakeAmiServer server() {
        if (server == null) {
            try {
                server = FakeAmiServer.startOn(port());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "helpline.ami.port", String.valueOf(port()),
                "helpline.ami.password", "test-secret",
                "helpline.ami.ping-interval", "500ms",
                "helpline.ami.response-timeout", "1s",
                "helpline.ami.reconnect-initial-delay", "100ms",
                "helpline.ami.reconnect-max-delay", "500ms",
                "helpline.supervision.stream-interval", "100ms",
                "helpline.supervision.leave-grace", "300ms",
                "helpline.supervision.no-answer-grace", "300ms");
    }

}
