package org.helpline.router.lines;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A stored weekly opening period; see {@link org.helpline.router.schedule.WeeklyPeriod} for its meaning. */
@Embeddable
public class OpeningPeriod {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DayOfWeek day;

    @Column(name = "from_time", nullable = false)
    public LocalTime from;

    @Column(name = "to_time", nullable = false)
    public LocalTime to;

    public OpeningPeriod() {
    }

    public OpeningPeriod(DayOfWeek day, LocalTime from, LocalTime to) {
        this.day = day;
        this.from = from;
        this.to = to;
    }
}
