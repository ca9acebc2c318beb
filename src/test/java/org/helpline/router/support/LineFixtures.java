package org.helpline.router.support;

import static org.helpline.router.support.TestAccounts.asOperator;

/** Sets up lines and listeners through the operators' API, as an operator would. */
public final class LineFixtures {

    private LineFixtures() {
    }

    /** Opens a line Monday to Friday from {@code from} to {@code to} (local times, e.g. 09:00–21:00). */
    public static void weekdayHours(String line, String from, String to) {
        StringBuilder periods = new StringBuilder();
        for (String day : new String[] {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) {
            periods.append(periods.isEmpty() ? "" : ",")
                    .append("{\"day\":\"").append(day).append("\",\"from\":\"").append(from)
                    .append("\",\"to\":\"").append(to).append("\"}");
        }
        asOperator().contentType("application/json").body("{\"periods\":[" + periods + "]}")
                .put("/api/lines/" + line + "/opening-hours").then().statusCode(200);
    }

    /** Registers a listener serving one line and returns their id. */
    public static long listener(String displayName, String endpoint, String line) {
        return asOperator().contentType("application/json")
                .body("{\"displayName\":\"" + displayName + "\",\"endpoint\":\"" + endpoint + "\",\"lines\":[\"" + line + "\"]}")
                .post("/api/listeners").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
