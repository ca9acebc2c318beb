package org.helpline.router.support;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record the service writes, formatted with its parameters and stack traces, so a test can
 * assert that a caller's number appears nowhere. It sits first on the root logger, ahead of the console and
 * file handlers whose phone-number mask rewrites records in place: it sees what the code logged, not what the
 * mask left of it.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs() {
    }

    /** Starts capturing on the root logger, ahead of its other handlers. */
    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        Logger root = Logger.getLogger("");
        if (root instanceof org.jboss.logmanager.Logger jboss) {
            Handler[] current;
            Handler[] first;
            do {
                current = jboss.getHandlers();
                first = new Handler[current.length + 1];
                first[0] = logs;
                System.arraycopy(current, 0, first, 1, current.length);
            } while (!jboss.compareAndSetHandlers(current, first));
        } else {
            root.addHandler(logs);
        }
        return logs;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder text = new StringBuilder(record.getLoggerName() + " " + message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        lines.add(text.toString());
    }

    /** Every captured line. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines containing {@code text}. */
    public List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
