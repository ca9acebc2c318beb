package org.helpline.router.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The side-by-side part of the FastAGI benchmark ({@code scripts/bench}): the service's {@code route} decision
 * against {@link BaselineAgiServer} (Asterisk-Java's {@code DefaultAgiServer} setting the same four variables),
 * in alternating rounds of {@code bench.compare-clients} (32) concurrent clients and
 * {@code bench.compare-sessions} (5,000) sessions, {@code bench.compare-rounds} (3) rounds each, on the same
 * machine at the same time. Prints each round and the ratios of the medians: service ÷ baseline throughput
 * (goal ≥ 1.0) and service ÷ baseline p99 (goal ≤ 1.0). Exits 1 when a service session was not answered
 * {@code QUEUE}. Not a test: surefire never runs it.
 *
 * <p>Usage: {@code AgiComparison <service-port> <baseline-port> <dialled-number>}.
 */
public final class AgiComparison {

    private AgiComparison() {
    }

    public static void main(String[] args) throws Exception {
        AgiLoad service = new AgiLoad(Integer.parseInt(args[0]), args[2]);
        AgiLoad baseline = new AgiLoad(Integer.parseInt(args[1]), args[2]);
        int clients = Integer.getInteger("bench.compare-clients", 32);
        int sessions = Integer.getInteger("bench.compare-sessions", 5000);
        int rounds = Integer.getInteger("bench.compare-rounds", 3);

        // Both JIT-warmed before anything counts.
        service.concurrent(clients, 2000, 60);
        baseline.concurrent(clients, 2000, 60);

        List<String> rows = new ArrayList<>();
        double[] serviceRate = new double[rounds];
        double[] baselineRate = new double[rounds];
        double[] serviceP99 = new double[rounds];
        double[] baselineP99 = new double[rounds];
        boolean failed = false;
        for (int r = 0; r < rounds; r++) {
            // Alternating which goes first, so neither always meets the machine's warmer or busier moment.
            boolean serviceFirst = r % 2 == 0;
            LatencySample a = (serviceFirst ? service : baseline).concurrent(clients, sessions, 120);
            LatencySample b = (serviceFirst ? baseline : service).concurrent(clients, sessions, 120);
            LatencySample s = serviceFirst ? a : b;
            LatencySample base = serviceFirst ? b : a;
            failed |= s.count(LatencySample.Outcome.QUEUE) != s.size();
            serviceRate[r] = s.throughputPerSecond();
            baselineRate[r] = base.throughputPerSecond();
            serviceP99[r] = s.millis(0.99);
            baselineP99[r] = base.millis(0.99);
            rows.add(s.row("round " + (r + 1) + ": service `route`", clients));
            rows.add(base.row("round " + (r + 1) + ": Asterisk-Java DefaultAgiServer", clients));
        }
        System.out.println(LatencySample.header());
        rows.forEach(System.out::println);
        System.out.println();
        System.out.printf("Median of %d rounds: service %.0f sessions/s, p99 %.2f ms; DefaultAgiServer %.0f sessions/s, "
                + "p99 %.2f ms.%n", rounds, median(serviceRate), median(serviceP99), median(baselineRate), median(baselineP99));
        System.out.printf("**Ratio service ÷ DefaultAgiServer: throughput %.2f× (goal ≥ 1.0), p99 %.2f× (goal ≤ 1.0).**%n",
                median(serviceRate) / median(baselineRate), median(serviceP99) / median(baselineP99));
        System.exit(failed ? 1 : 0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
