package org.helpline.router.asterisk.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code agi_} variables Asterisk sends at the start of a FastAGI session. {@link #toString()} names only
 * the script and channel: the environment holds the caller's number ({@code agi_callerid}) and is never logged.
 */
public record AgiEnvironment(Map<String, String> values) {

    public AgiEnvironment {
        values = Map.copyOf(values);
    }

    /** The script asked for: {@code route} in {@code agi://host:4573/route?x=y}. */
    public String script() {
        String script = value("agi_network_script");
        if (script == null) {
            String request = value("agi_request");
            if (request == null) {
                return null;
            }
            int slash = request.indexOf('/', request.indexOf("//") + 2);
            script = slash < 0 ? null : request.substring(slash + 1);
        }
        if (script == null) {
            return null;
        }
        int query = script.indexOf('?');
        return query < 0 ? script : script.substring(0, query);
    }

    /** A variable's value, or null when absent, empty or {@code unknown} (Asterisk's word for absent). */
    public String value(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() || v.equals("unknown") ? null : v.strip();
    }

    /** The AGI arguments ({@code agi_arg_1}, {@code agi_arg_2}...), in order. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (int i = 1; values.containsKey("agi_arg_" + i); i++) {
            args.add(values.get("agi_arg_" + i));
        }
        return args;
    }

    /** The n-th argument (1-based), or null. */
    public String argument(int n) {
        List<String> args = arguments();
        return n <= args.size() && !args.get(n - 1).isBlank() ? args.get(n - 1).strip() : null;
    }

    public String channel() {
        return value("agi_channel");
    }

    /** The caller's number: for the in-memory event only, never to be logged. */
    public String callerNumber() {
        return value("agi_callerid");
    }

    @Override
    public String toString() {
        return "AgiEnvironment[script=" + script() + ", channel=" + channel() + "]";
    }
}
