package org.helpline.router.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.lines.LineRules;
import org.helpline.router.lines.LineView;

import java.util.List;
import java.util.Optional;

/** Which lines an Asterisk queue serves (through {@link LineView#queue()}), read from the line directory. */
@ApplicationScoped
public class QueueLines {

    private final LineDirectory lines;

    QueueLines(LineDirectory lines) {
        this.lines = lines;
    }

    public List<LineView> linesOf(String queue) {
        return lines.all().stream().filter(l -> queue.equals(l.queue())).toList();
    }

    /** The rules of the (first) line a queue serves; the defaults when none does. */
    public LineRules.Rules rulesOf(String queue) {
        return linesOf(queue).stream().findFirst().map(LineView::rules).orElseGet(() -> new LineRules().toValue());
    }

    public Optional<LineView> line(String code) {
        return lines.byCode(code);
    }

    public List<LineView> all() {
        return lines.all();
    }
}
