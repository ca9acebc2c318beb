package org.helpline.router.schedule.calendar;

import io.quarkus.hibernate.orm.panache.Panache;
import org.helpline.router.schedule.ScheduledRange;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A range a calendar source already put on the line, read as plain values to compare the next reading with:
 * thousands of managed entities would each be snapshotted on load and dirty-checked at every flush.
 */
public record StoredOccurrence(Long id, ScheduledRange.Kind kind, String uid, String recurrence, LocalDateTime from,
                               LocalDateTime to, String reason) {

    /** The same identity as {@link Occurrence#key()}. */
    String key() {
        return recurrence == null || recurrence.isEmpty() ? uid : uid + "|" + recurrence;
    }

    /** Whether the range already is what the occurrence brings, of the kind its source gives now. */
    boolean sameAs(Occurrence o, ScheduledRange.Kind sourceKind) {
        return kind == sourceKind && from.equals(o.from()) && to.equals(o.to()) && reason.equals(o.summary());
    }

    static List<StoredOccurrence> ofSource(long sourceId) {
        return Panache.getEntityManager().createQuery("select new " + StoredOccurrence.class.getName()
                        + "(r.id, r.kind, r.sourceUid, r.sourceRecurrence, r.from, r.to, r.reason)"
                        + " from ScheduledRange r where r.sourceId = ?1", StoredOccurrence.class)
                .setParameter(1, sourceId).getResultList();
    }
}
