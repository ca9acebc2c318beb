package org.helpline.router.schedule;

import java.time.ZoneId;
import java.util.List;

/** Everything that decides when a line is open: its zone, weekly periods, closures, special openings and override. */
public record Schedule(ZoneId zone,
                       List<WeeklyPeriod> weekly,
                       List<DatedRange> closures,
                       List<DatedRange> specialOpenings,
                       ManualOverride override) {

    public Schedule {
        weekly = List.copyOf(weekly);
        closures = List.copyOf(closures);
        specialOpenings = List.copyOf(specialOpenings);
    }
}
