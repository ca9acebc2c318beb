package org.helpline.router.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.helpline.router.platform.InstanceDuty;
import org.helpline.router.supervision.ServiceDay;
import org.helpline.router.support.OtherInstance;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database: the journal's purge and aggregation, through the very methods the scheduler
 * calls, do nothing on the instance that does not hold the duty ({@link InstanceDuty}) while another instance holds
 * it, and run once the other instance died and the duty came back.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class JournalDutyTest {

    private static final String LINE = "duty-journal";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    JournalMaintenance maintenance;
    @Inject
    InstanceDuty duty;
    @Inject
    AgroalDataSource ds;

    @Test
    void purgeAndAggregationWaitForTheDutyWhileAnotherInstanceHoldsIt() throws Exception {
        JournalTables.ensureLine(LINE, "+33800000057");
        Instant now = Instant.now();
        Instant longAgo = now.minus(400, ChronoUnit.DAYS);
        LocalDate today = ServiceDay.of(now, PARIS, LocalTime.of(6, 0));
        String expired;
        String recent;

        try (OtherInstance other = OtherInstance.takeDutyFrom(duty)) {
            expired = JournalTables.insertCall(ds, LINE, PARIS, longAgo, "CLOSED", null, "withheld", true);
            recent = JournalTables.insertCall(ds, LINE, PARIS, now.minusSeconds(120), "ANSWERED", 9, "withheld", false);

            maintenance.scheduledAggregation();
            maintenance.scheduledPurge();

            assertNotNull(JournalTables.record(ds, expired), "not purged by an instance without the duty");
            assertNull(dailyRow(today), "not aggregated by an instance without the duty");
        }

        // The other instance died; this one holds the duty again (OtherInstance waited for it).
        assertTrue(duty.holds());
        maintenance.scheduledAggregation();
        Map<String, Object> row = dailyRow(today);
        assertNotNull(row, "aggregated by the instance holding the duty");
        assertTrue(((Integer) row.get("answered")) >= 1, "the recent call is counted: " + row);
        maintenance.scheduledPurge();
        assertNull(JournalTables.record(ds, expired), "purged by the instance holding the duty");
        assertNotNull(JournalTables.record(ds, recent), "a recent call is kept");
        Map<String, Object> expiredDay = dailyRow(ServiceDay.of(longAgo, PARIS, LocalTime.of(6, 0)));
        assertNotNull(expiredDay, "the purged day's figures are kept");
        assertEquals(Boolean.TRUE, expiredDay.get("records_purged"));
    }

    private Map<String, Object> dailyRow(LocalDate day) throws Exception {
        List<Map<String, Object>> rows = JournalTables.query(ds,
                "SELECT * FROM daily_line_stats WHERE line_code = ? AND service_day = ?", LINE, java.sql.Date.valueOf(day));
        return rows.isEmpty() ? null : rows.get(0);
    }
}
