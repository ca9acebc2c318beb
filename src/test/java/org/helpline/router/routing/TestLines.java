package org.helpline.router.routing;

import org.helpline.router.lines.CrisisContact;
import org.helpline.router.lines.LineRules;
import org.helpline.router.lines.LineView;
import org.helpline.router.schedule.DatedRange;
import org.helpline.router.schedule.ManualOverride;
import org.helpline.router.schedule.Schedule;
import org.helpline.router.schedule.WeeklyPeriod;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** Line views for plain unit tests: open Monday to Friday 09:00–21:00, Europe/Paris. */
final class TestLines {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private TestLines() {
    }

    static LineView weekdays(String code, String number) {
        return line(code, number, List.of(), null);
    }

    static LineView line(String code, String number, List<DatedRange> closures, ManualOverride override) {
        List<WeeklyPeriod> weekly = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).stream()
                .map(d -> new WeeklyPeriod(d, LocalTime.of(9, 0), LocalTime.of(21, 0))).toList();
        return new LineView(code, "Line " + code, number, PARIS, "fr",
                List.of(new CrisisContact("Prévention suicide", "3114"), new CrisisContact("SAMU", "15")),
                40, code, true, new LineRules.Rules(3, 30, 30, 45, 300, 120, 8),
                new Schedule(PARIS, weekly, closures, List.of(), override));
    }
}
