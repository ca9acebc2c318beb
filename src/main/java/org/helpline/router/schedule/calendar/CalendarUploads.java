package org.helpline.router.schedule.calendar;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import net.fortuna.ical4j.model.Calendar;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.lines.LineService;
import org.helpline.router.schedule.ScheduledRange;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/lines/{code}/closures} (and special openings) with an iCalendar body: the upload is merged
 * into the line's upload calendar ({@link UploadMerge}), which is kept and re-expanded as time passes like a
 * subscription, so a yearly event uploaded once stays on the line year after year.
 *
 * <p>The calendar work (parsing, merging, expanding: most of an upload's time) runs outside any transaction,
 * on the upload calendar as it was when the upload began. The transaction that writes the result is short: it
 * takes the calendar's {@link RefreshLock}, checks that neither the calendar nor the line's zone changed
 * meanwhile (another upload), writes, and ends; if something did change, the calendar work is done again.
 */
@ApplicationScoped
public class CalendarUploads {

    private static final Logger LOG = Logger.getLogger(CalendarUploads.class);

    /** How many times the calendar work is done again when concurrent uploads keep changing the calendar. */
    static final int ATTEMPTS = 3;

    private final LineService lines;
    private final CalendarSync sync;
    private final RefreshLock lock;
    private final CalendarConfig config;
    private final AuditTrail audit;
    private final Clock clock;

    CalendarUploads(LineService lines, CalendarSync sync, RefreshLock lock, CalendarConfig config, AuditTrail audit,
                    Clock clock) {
        this.lines = lines;
        this.sync = sync;
        this.lock = lock;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an upload is computed against: the line's zone and its upload calendar (null before the first). */
    private record Basis(String zone, String body) {
    }

    /** The answer, or (nothing written) the basis found under the lock when it was not the one computed on. */
    private record Written(ImportResult result, Basis found) {
    }

    public ImportResult upload(String code, ScheduledRange.Kind kind, String document) {
        long started = System.nanoTime();
        // The line first: an upload to a line that does not exist is a 404, whatever its body.
        Basis basis = QuarkusTransaction.requiringNew().call(() -> basis(code, kind));
        Calendar incoming = parse(document);
        long parsed = System.nanoTime();
        Set<String> uploaded = UploadMerge.uidsOf(incoming);
        Instant now = Instant.now(clock);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long reading = System.nanoTime();
            // The same document sent again needs no merge: it replaces all it holds.
            Calendar calendar = basis.body() == null || basis.body().equals(document) ? incoming
                    : UploadMerge.merge(basis.body(), incoming);
            // The first upload is kept as sent; later ones as ical4j writes the merged calendar.
            String merged = calendar == incoming ? document : calendar.toString();
            if (merged.length() > config.maxSize().asLongValue()) {
                throw ApiProblem.tooLarge("body", "the line's uploaded calendar would grow past "
                        + config.maxSize().asLongValue() + " bytes; remove past events or use a subscription");
            }
            CalendarReading read;
            try {
                read = sync.read(calendar, ZoneId.of(basis.zone()), kind, now);
            } catch (CalendarFormatException e) {
                throw ApiProblem.invalid("body", e.getMessage());
            }
            long writing = System.nanoTime();
            Basis expected = basis;
            Written written = QuarkusTransaction.requiringNew()
                    .call(() -> write(code, kind, expected, merged, read, uploaded, now));
            if (written.result() != null) {
                ImportResult r = written.result();
                LOG.debugf("Line %s: calendar upload of %d characters, %d occurrences (%d new, %d changed, %d removed):"
                                + " %d ms (line and parse %d, merge and expansion %d, write transaction %d; attempt %d)",
                        code, document.length(), read.occurrences().size(), r.imported(), r.updated(), r.removed(),
                        millis(started), millis(started, parsed), millis(reading, writing), millis(writing), attempt);
                return r;
            }
            basis = written.found();
        }
        throw ApiProblem.conflict("body", "the line's uploaded calendar was changed by other uploads while this one"
                + " was read; send it again");
    }

    private static Calendar parse(String document) {
        try {
            return CalendarReader.parse(document);
        } catch (CalendarFormatException e) {
            throw ApiProblem.invalid("body", e.getMessage());
        }
    }

    private static Basis basis(String code, ScheduledRange.Kind kind) {
        Line line = Line.findByCode(code).orElseThrow(() -> ApiProblem.notFound("Line '" + code + "'"));
        return new Basis(line.timeZone, CalendarSource.uploadOf(line.id, kind).map(s -> s.body).orElse(null));
    }

    private Written write(String code, ScheduledRange.Kind kind, Basis expected, String merged, CalendarReading read,
                          Set<String> uploaded, Instant now) {
        Line line = lines.get(code);
        long id = uploadSourceId(line, kind);
        lock.lock(id);
        CalendarSource source = CalendarSource.findById(id);
        Basis found = new Basis(line.timeZone, source.body);
        if (!found.equals(expected)) {
            return new Written(null, found);
        }
        CalendarSync.Outcome outcome = sync.apply(line, source, read);
        source.body = merged;
        source.lastRefreshedAt = now;
        source.lastSuccessAt = now;
        source.lastError = null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("imported", outcome.imported());
        details.put("updated", outcome.updated());
        details.put("removed", outcome.removed());
        details.put("skipped", outcome.skipped().size());
        audit.record(CalendarSubscriptions.auditName(kind) + ".import", "line:" + code, details);
        // One read of the line's ranges serves both its new routing view and the answer.
        List<ScheduledRange> ranges = ScheduledRange.readOnlyOfLine(line.id);
        if (outcome.changedLine()) {
            lines.publish(line, ranges);
        }
        List<ScheduledRange> held = ranges.stream()
                .filter(r -> source.id.equals(r.sourceId) && uploaded.contains(r.sourceUid)).toList();
        return new Written(ImportResult.of(kind, outcome, held), null);
    }

    /**
     * The id of the line's upload calendar of this kind, created by the first upload (two first uploads at once
     * make one). Read as a value, not an entity, so that the entity is loaded only under the lock.
     */
    private static long uploadSourceId(Line line, ScheduledRange.Kind kind) {
        Panache.getEntityManager().createNativeQuery("INSERT INTO calendar_source (line_id, kind, origin, label)"
                        + " VALUES (?1, ?2, 'UPLOAD', 'uploads') ON CONFLICT (line_id, kind) WHERE origin = 'UPLOAD' DO NOTHING")
                .setParameter(1, line.id).setParameter(2, kind.name()).executeUpdate();
        return Panache.getEntityManager().createQuery("select s.id from CalendarSource s"
                        + " where s.lineId = ?1 and s.kind = ?2 and s.origin = ?3", Long.class)
                .setParameter(1, line.id).setParameter(2, kind).setParameter(3, CalendarSource.Origin.UPLOAD)
                .getSingleResult();
    }

    private static long millis(long from) {
        return millis(from, System.nanoTime());
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
