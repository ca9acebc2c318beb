package org.helpline.router.schedule.calendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.helpline.router.schedule.ScheduledRange;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A calendar a line takes closures or special openings from: a subscription (a URL refreshed on a schedule) or
 * the calendar built from the line's uploads. Keeps its last good document and what the last refresh brought.
 */
@Entity
@Table(name = "calendar_source")
public class CalendarSource extends PanacheEntityBase {

    /** Where the document comes from. */
    public enum Origin { SUBSCRIPTION, UPLOAD }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "line_id", nullable = false)
    public Long lineId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ScheduledRange.Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Origin origin;

    /** The subscription's URL as given; may carry a secret, so it is only ever shown through {@link CalendarUrl#masked()}. */
    public String url;

    public String label;

    /** The last good document: re-expanded as time passes, and kept when the source fails. */
    public String body;

    public String etag;

    @Column(name = "last_refreshed_at")
    public Instant lastRefreshedAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "events_imported", nullable = false)
    public int eventsImported;

    /** JSON list of {@link SkippedEvent}s of the last reading. */
    public String skipped;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    /** Occurrence keys ({@link Occurrence#key()}) an operator deleted from the line; refreshes leave them out. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "calendar_exclusion", joinColumns = @JoinColumn(name = "source_id"))
    @Column(name = "occurrence_key")
    public Set<String> exclusions = new HashSet<>();

    public static List<CalendarSource> subscriptionsOf(Long lineId) {
        return list("lineId = ?1 and origin = ?2 order by id", lineId, Origin.SUBSCRIPTION);
    }

    public static Optional<CalendarSource> uploadOf(Long lineId, ScheduledRange.Kind kind) {
        return find("lineId = ?1 and kind = ?2 and origin = ?3", lineId, kind, Origin.UPLOAD).firstResultOptional();
    }
}
