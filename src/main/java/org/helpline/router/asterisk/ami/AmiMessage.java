package org.helpline.router.asterisk.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One block of the Manager protocol (a response, an event or an action): ordered {@code Name: value}
 * headers, some of which repeat ({@code ChanVariable}). Deliberately has no {@code toString} of its values:
 * channel events carry caller numbers that must never reach a log.
 */
final class AmiMessage {

    private final List<Map.Entry<String, String>> headers;

    AmiMessage(List<Map.Entry<String, String>> headers) {
        this.headers = List.copyOf(headers);
    }

    /** Parses a block's lines; a line without {@code ": "} is malformed and skipped. */
    static AmiMessage parse(List<String> lines) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String value = line.substring(colon + 1);
            headers.add(Map.entry(line.substring(0, colon).trim(), value.startsWith(" ") ? value.substring(1) : value));
        }
        return new AmiMessage(headers);
    }

    /** The first value of a header (case-insensitive name), or null. */
    String get(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Every value of a repeated header. */
    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** The value of a channel variable carried as {@code ChanVariable: NAME=value}, or null (empty counts as null). */
    String channelVariable(String variable) {
        for (String v : all("ChanVariable")) {
            int eq = v.indexOf('=');
            if (eq > 0 && v.substring(0, eq).equals(variable)) {
                String value = v.substring(eq + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    String event() {
        return get("Event");
    }

    String response() {
        return get("Response");
    }

    String actionId() {
        return get("ActionID");
    }

    boolean isEmpty() {
        return headers.isEmpty();
    }

    long longValue(String name, long fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    boolean flag(String name) {
        String v = get(name);
        return v != null && (v.trim().equals("1") || v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("yes"));
    }

    @Override
    public String toString() {
        return "AmiMessage[" + (event() != null ? "Event " + event() : "Response " + response()) + "]";
    }
}
