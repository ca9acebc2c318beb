package org.helpline.router.calls.rig;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where everything of one suite run lives, all on the loopback range 127.0.0.0/8 so that no packet leaves the
 * machine: Asterisk, the free-number trunk (callers and the crisis line), and the listeners' phones each get their
 * own address in a /24 picked at random, so that two runs on one machine do not meet.
 *
 * @param prefix the first three octets, e.g. {@code 127.42.7}
 */
public record AddressPlan(String prefix) {

    /** Asterisk's SIP transport and AMI. */
    public String asterisk() {
        return prefix + ".1";
    }

    /** The trunk provider's address: the callers' SIPp and the crisis line. */
    public String trunk() {
        return prefix + ".2";
    }

    /** The n-th listener phone (n from 1), each on an address of its own. */
    public String listener(int n) {
        if (n < 1 || n > 200) {
            throw new IllegalArgumentException("listener " + n);
        }
        return prefix + "." + (10 + n);
    }

    public int sipPort() {
        return 5060;
    }

    public int amiPort() {
        return 5038;
    }

    /** A /24 whose Asterisk address has its SIP (UDP) and AMI (TCP) ports free. */
    public static AddressPlan pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            AddressPlan plan = new AddressPlan("127." + r.nextInt(20, 250) + "." + r.nextInt(1, 250));
            if (free(plan)) {
                return plan;
            }
        }
        throw new IllegalStateException("no free loopback /24 found for the call suite");
    }

    /** A free TCP port on 127.0.0.1. */
    public static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean free(AddressPlan plan) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(plan.asterisk(), plan.sipPort()));
             ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(plan.asterisk(), plan.amiPort()));
            return udp.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
