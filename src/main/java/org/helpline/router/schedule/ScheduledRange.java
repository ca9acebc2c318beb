package org.helpline.router.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** A stored closure or special opening of a line, in the line's local time. */
@Entity
@Table(name = "dated_range")
public class ScheduledRange extends PanacheEntityBase {

    /** Whether the range closes the line or opens it outside its weekly hours. */
    public enum Kind { CLOSURE, SPECIAL_OPENING }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "line_id", nullable = false)
    public Long lineId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "from_local", nullable = false)
    public LocalDateTime from;

    @Column(name = "to_local", nullable = false)
    public LocalDateTime to;

    @Column(nullable = false)
    public String reason;

    /** The iCalendar UID a range was imported from, so a feed imported twice adds nothing twice. */
    @Column(name = "source_uid")
    public String sourceUid;

    /** The calendar (subscription or uploads) the range was imported from; null for a range entered by hand. */
    @Column(name = "source_id")
    public Long sourceId;

    /** For an occurrence of a recurring event, its start in the rule (iCalendar form); {@code ""} otherwise. */
    @Column(name = "source_recurrence", nullable = false)
    public String sourceRecurrence = "";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    public ScheduledRange() {
    }

    /** A range read as values ({@link #readOnlyOfLine}). */
    public ScheduledRange(Long id, Long lineId, Kind kind, LocalDateTime from, LocalDateTime to, String reason,
                          String sourceUid, Long sourceId) {
        this.id = id;
        this.lineId = lineId;
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.sourceUid = sourceUid;
        this.sourceId = sourceId;
    }

    public static List<ScheduledRange> of(Long lineId, Kind kind) {
        return list("lineId = ?1 and kind = ?2 order by from", lineId, kind);
    }

    /**
     * The line's ranges as plain objects, not entities: Hibernate neither snapshots nor tracks them, which
     * matters once calendars have put thousands on a line. For views and answers, never to change a range.
     */
    public static List<ScheduledRange> readOnlyOfLine(Long lineId) {
        return getEntityManager().createQuery("select new " + ScheduledRange.class.getName()
                        + "(r.id, r.lineId, r.kind, r.from, r.to, r.reason, r.sourceUid, r.sourceId)"
                        + " from ScheduledRange r where r.lineId = ?1 order by r.from", ScheduledRange.class)
                .setParameter(1, lineId).getResultList();
    }

    public DatedRange toDomain() {
        return new DatedRange(from, to, reason);
    }
}
