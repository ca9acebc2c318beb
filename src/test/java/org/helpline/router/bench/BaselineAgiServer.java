package org.helpline.router.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;

import java.net.InetAddress;
import java.util.UUID;

/**
 * The yardstick of the FastAGI benchmark ({@code scripts/bench}): Asterisk-Java's own {@code DefaultAgiServer}
 * with its defaults, running a trivial script that sets the same four variables as the service's {@code route}
 * script (values of the same shape), with no decision, no deadline, no journal, no metrics and no log line.
 * Listens on 127.0.0.1 only. Not a test: surefire never runs it.
 *
 * <p>Usage: {@code BaselineAgiServer <port>}.
 */
public final class BaselineAgiServer {

    private BaselineAgiServer() {
    }

    public static void main(String[] args) throws Exception {
        DefaultAgiServer server = new DefaultAgiServer(new SetRouteVariables());
        server.setAddress(InetAddress.getLoopbackAddress());
        server.setPort(Integer.parseInt(args[0]));
        server.startup(); // blocks, accepting, until the JVM is stopped
    }

    /** What the route script answers for an open line with unknown live state. */
    static final class SetRouteVariables implements AgiScript {
        @Override
        public void service(AgiRequest request, AgiChannel channel) throws AgiException {
            channel.setVariable("HELPLINE_CALL_ID", UUID.randomUUID().toString());
            channel.setVariable("HELPLINE_LINE", "bench-open");
            channel.setVariable("HELPLINE_ROUTE", "bench|40|fr|3114&15|1|3114||Europe/Paris");
            channel.setVariable("HELPLINE_ACTION", "QUEUE");
        }
    }
}
