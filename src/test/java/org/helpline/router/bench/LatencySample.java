package org.helpline.router.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client-side times of one benchmark phase, in microseconds, and how each session ended. Safe to fill from
 * several threads; sized up front so recording allocates nothing.
 */
final class LatencySample {

    /** How a FastAGI session ended, seen from Asterisk's side. */
    enum Outcome {
        /** The service set {@code HELPLINE_ACTION=QUEUE}: what an open line with unknown live state must get. */
        QUEUE,
        /** The service answered something else: a functional failure. */
        OTHER_ACTION,
        /** The connection was closed (or reset) before any command: the session was turned away. */
        REJECTED,
        /** Connecting failed or the client timed out. */
        ERROR
    }

    private final long[] micros;
    private final AtomicInteger count = new AtomicInteger();
    private final Map<Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();
    private long elapsedNanos;

    LatencySample(int capacity) {
        micros = new long[capacity];
    }

    /** Reserves a slot; false once the sample is full (the phase should stop). */
    int reserve() {
        int slot = count.getAndIncrement();
        return slot < micros.length ? slot : -1;
    }

    void record(int slot, long nanos, Outcome outcome) {
        micros[slot] = nanos / 1_000;
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    void elapsed(long nanos) {
        elapsedNanos = nanos;
    }

    int size() {
        return Math.min(count.get(), micros.length);
    }

    long count(Outcome outcome) {
        LongAdder adder = outcomes.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    double throughputPerSecond() {
        return elapsedNanos == 0 ? 0 : size() * 1e9 / elapsedNanos;
    }

    /** One Markdown table row: phase, clients, sessions, outcomes, throughput, p50, p90, p99, max (ms). */
    String row(String phase, int clients) {
        long[] sorted = Arrays.copyOf(micros, size());
        Arrays.sort(sorted);
        return String.format("| %s | %d | %d | %d | %d | %d | %.0f | %s | %s | %s | %s |", phase, clients, sorted.length,
                count(Outcome.QUEUE), count(Outcome.REJECTED), count(Outcome.OTHER_ACTION) + count(Outcome.ERROR),
                throughputPerSecond(), ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 1.0));
    }

    /** The latency at a quantile, in milliseconds (NaN when empty). */
    double millis(double quantile) {
        long[] sorted = Arrays.copyOf(micros, size());
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    static String header() {
        return "| phase | clients | sessions | QUEUE | rejected | failed | sessions/s | p50 ms | p90 ms | p99 ms | max ms |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    private static String ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "–";
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.2f", sorted[Math.max(0, index)] / 1000.0);
    }
}
