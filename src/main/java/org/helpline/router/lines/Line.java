package org.helpline.router.lines;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A helpline's free number as operators configure it: identity, zone, language, crisis numbers, queue, hours. */
@Entity
@Table(name = "line")
public class Line extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    /** The published number, E.164. */
    @Column(nullable = false, unique = true)
    public String number;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String language;

    @Column(name = "max_wait_seconds", nullable = false)
    public int maxWaitSeconds;

    /** The Asterisk queue that carries this line's calls. */
    @Column(name = "queue_name", nullable = false)
    public String queue;

    /** Whether callers may press 1 to be put through to the first crisis number. */
    @Column(name = "crisis_transfer", nullable = false)
    public boolean crisisTransfer;

    @Embedded
    public LineRules rules = new LineRules();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "line_crisis_number", joinColumns = @JoinColumn(name = "line_id"))
    @OrderColumn(name = "position")
    public List<CrisisNumber> crisisNumbers = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "opening_period", joinColumns = @JoinColumn(name = "line_id"))
    @OrderColumn(name = "position")
    public List<OpeningPeriod> openingPeriods = new ArrayList<>();

    @Column(name = "override_open")
    public Boolean overrideOpen;

    @Column(name = "override_until")
    public Instant overrideUntil;

    @Column(name = "override_reason")
    public String overrideReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Version
    public long version;

    public static Optional<Line> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public static Optional<Line> findByNumber(String number) {
        return find("number", number).firstResultOptional();
    }

    public void clearOverride() {
        overrideOpen = null;
        overrideUntil = null;
        overrideReason = null;
    }
}
