package org.helpline.router.lines;

import org.helpline.router.schedule.DatedRange;
import org.helpline.router.schedule.ManualOverride;
import org.helpline.router.schedule.Schedule;
import org.helpline.router.schedule.ScheduledRange;
import org.helpline.router.schedule.WeeklyPeriod;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * An immutable snapshot of one line's configuration, held in memory by {@link LineDirectory} so that call
 * routing never waits on the database.
 *
 * @param customMessages the names of the messages the line has its own recording of, in its language
 *                       (e.g. {@code notice}); the dialplan plays the generic prompt for the others
 */
public record LineView(String code,
                       String name,
                       String number,
                       ZoneId zone,
                       String language,
                       List<CrisisContact> crisisNumbers,
                       int maxWaitSeconds,
                       String queue,
                       boolean crisisTransfer,
                       LineRules.Rules rules,
                       Schedule schedule,
                       Set<String> customMessages) {

    public LineView {
        crisisNumbers = List.copyOf(crisisNumbers);
        customMessages = Set.copyOf(customMessages);
    }

    /** A line with no recording of its own. */
    public LineView(String code, String name, String number, ZoneId zone, String language,
                    List<CrisisContact> crisisNumbers, int maxWaitSeconds, String queue, boolean crisisTransfer,
                    LineRules.Rules rules, Schedule schedule) {
        this(code, name, number, zone, language, crisisNumbers, maxWaitSeconds, queue, crisisTransfer, rules,
                schedule, Set.of());
    }

    /** Builds the view from the stored line and its closures and special openings, without its recordings. */
    public static LineView of(Line line, List<ScheduledRange> ranges) {
        return of(line, ranges, Set.of());
    }

    /**
     * Builds the view from the stored line, its closures and special openings, and the names of the messages
     * it has its own recording of in its language.
     */
    public static LineView of(Line line, List<ScheduledRange> ranges, Set<String> customMessages) {
        ZoneId zone = ZoneId.of(line.timeZone);
        List<WeeklyPeriod> weekly = line.openingPeriods.stream()
                .map(p -> new WeeklyPeriod(p.day, p.from, p.to)).toList();
        List<DatedRange> closures = ranges.stream()
                .filter(r -> r.kind == ScheduledRange.Kind.CLOSURE).map(ScheduledRange::toDomain).toList();
        List<DatedRange> specials = ranges.stream()
                .filter(r -> r.kind == ScheduledRange.Kind.SPECIAL_OPENING).map(ScheduledRange::toDomain).toList();
        ManualOverride override = line.overrideUntil == null ? null
                : new ManualOverride(Boolean.TRUE.equals(line.overrideOpen), line.overrideUntil, line.overrideReason);
        return new LineView(line.code, line.name, line.number, zone, line.language,
                line.crisisNumbers.stream().map(c -> new CrisisContact(c.label, c.number)).toList(),
                line.maxWaitSeconds, line.queue, line.crisisTransfer, line.rules.toValue(),
                new Schedule(zone, weekly, closures, specials, override), customMessages);
    }
}
