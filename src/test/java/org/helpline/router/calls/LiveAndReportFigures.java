package org.helpline.router.calls;

import io.restassured.path.json.JsonPath;
import org.helpline.router.calls.rig.CallRig;
import org.helpline.router.journal.ReportRow;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One definition per figure: for every line, the coordinators' live "today" equals the daily report of the same
 * service day — after the calls of the suite, and again after the service was killed and came back.
 */
final class LiveAndReportFigures {

    /**
     * The live view's name of a figure → the report's name of the same figure: every figure of the daily report's
     * row (all but its line and dates), under the same name in the live "today".
     */
    private static final Map<String, String> SAME = Arrays.stream(ReportRow.class.getRecordComponents())
            .map(RecordComponent::getName).filter(n -> !Set.of("line", "from", "to").contains(n))
            .collect(Collectors.toMap(n -> n, n -> n));

    private LiveAndReportFigures() {
    }

    static void liveTodayEqualsTheDailyReport(CallRig rig) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> differences;
        int lines;
        do {
            differences = new ArrayList<>();
            JsonPath live = rig.service.api().get("/api/supervision").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> all = live.getList("lines");
            lines = all.size();
            for (Map<String, Object> line : all) {
                String code = (String) line.get("line");
                @SuppressWarnings("unchecked")
                Map<String, Object> today = (Map<String, Object>) line.get("today");
                String day = String.valueOf(today.get("day"));
                JsonPath report = rig.service.api().accept("application/json")
                        .get("/api/reports/daily?line=" + code + "&from=" + day + "&to=" + day)
                        .then().statusCode(200).extract().jsonPath();
                for (Map.Entry<String, String> f : SAME.entrySet()) {
                    Object l = today.get(f.getKey());
                    Object r = report.get("[0]." + f.getValue());
                    if (!Objects.equals(String.valueOf(l), String.valueOf(r))) {
                        differences.add(code + " " + day + " " + f.getKey() + ": live " + l + ", report " + r);
                    }
                }
            }
            if (differences.isEmpty()) {
                break;
            }
            SuiteCall.sleep(500);
        } while (System.nanoTime() < deadline);
        assertTrue(lines > 10, "the suite's lines are in the live view");
        assertTrue(differences.isEmpty(), "live today and the daily report differ: " + differences);
    }
}
