package org.helpline.router.journal;

import org.helpline.router.supervision.TodayFigures;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The live "today" is the daily report's row of the day: for a day of every outcome, each component of
 * {@link ReportRow} (but the row's line and dates) has a component of {@link TodayFigures} of the same name and
 * value. Read by reflection, so a figure added to the report and forgotten in the live view fails here.
 */
class TodayFiguresTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Test
    void everyFigureOfTheReportRowIsInTheLiveFiguresWithTheSameValue() throws Exception {
        // A different number of calls for each outcome, so that no two figures could be swapped unnoticed.
        List<DailyFigures.Call> calls = new ArrayList<>();
        for (CallOutcome outcome : CallOutcome.values()) {
            for (int j = 0; j <= outcome.ordinal(); j++) {
                calls.add(new DailyFigures.Call(outcome, 10 + outcome.ordinal() + j,
                        outcome == CallOutcome.ANSWERED ? 300 + j : null, j % 3 == 0, j == 0, j % 2 == 0));
            }
        }
        DailyFigures f = DailyFigures.of(calls, 20, 5, 9, 4);

        ReportRow row = ReportRow.of("ligne", DAY, DAY, f);
        TodayFigures today = JournalToday.of("ligne", DAY, f);

        Map<String, RecordComponent> live = Arrays.stream(TodayFigures.class.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, Function.identity()));
        int compared = 0;
        for (RecordComponent c : ReportRow.class.getRecordComponents()) {
            if (List.of("line", "from", "to").contains(c.getName())) {
                continue;
            }
            RecordComponent same = live.get(c.getName());
            assertNotNull(same, "the live figures lack " + c.getName());
            Object reported = c.getAccessor().invoke(row);
            assertEquals(reported, same.getAccessor().invoke(today), c.getName());
            compared++;
        }
        assertEquals(ReportRow.class.getRecordComponents().length - 3, compared);
        assertEquals(DAY, today.day());
        assertEquals(calls.size(), today.offered());
        assertEquals(f.averageAnsweredWait(), today.averageAnsweredWaitSeconds());
    }

    @Test
    void aDayWithoutCallsLooksLikeTheReportsEmptyDay() throws Exception {
        ReportRow row = ReportRow.of("ligne", DAY, DAY, DailyFigures.none(45, 5));
        TodayFigures today = TodayFigures.none(DAY, 45);
        for (RecordComponent c : ReportRow.class.getRecordComponents()) {
            if (!List.of("line", "from", "to").contains(c.getName())) {
                assertEquals(c.getAccessor().invoke(row),
                        TodayFigures.class.getMethod(c.getName()).invoke(today), c.getName());
            }
        }
    }
}
