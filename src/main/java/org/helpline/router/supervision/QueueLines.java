package org.helpline.router.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineRules;
import org.helpline.router.lines.LineView;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Which lines an Asterisk queue serves (through {@link LineView#queue()}), read from the line directory. */
@ApplicationScoped
public class QueueLines {

    private final Supplier<List<LineView>> lines;

    @Inject
    QueueLines(LineDirectory lines) {
        this(lines::all);
    }

    /** For tests: lines from anywhere. */
    QueueLines(Supplier<List<LineView>> lines) {
        this.lines = lines;
    }

    public List<LineView> linesOf(String queue) {
        return lines.get().stream().filter(l -> queue.equals(l.queue())).toList();
    }

    /** The rules of the (first) line a queue serves; the defaults when none does. */
    public LineRules.Rules rulesOf(String queue) {
        return linesOf(queue).stream().findFirst().map(LineView::rules).orElseGet(() -> new LineRules().toValue());
    }

    public Optional<LineView> line(String code) {
        return all().stream().filter(l -> l.code().equals(code)).findFirst();
    }

    public List<LineView> all() {
        return lines.get();
    }
}
