package org.helpline.router.journal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.helpline.router.accounts.Roles;

import java.util.List;

/**
 * Coordinators' reports from the call journal: {@code /api/reports/daily} and {@code /api/reports/weekly},
 * as JSON or, with {@code Accept: text/csv}, as CSV for a spreadsheet or a funder's annual report.
 */
@Path("/api/reports")
@RolesAllowed({Roles.COORDINATOR, Roles.OPERATOR})
public class ReportResource {

    static final String CSV = "text/csv";

    private final ReportService reports;

    ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/daily")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ReportRow> daily(@QueryParam("line") String line, @QueryParam("from") String from,
                                 @QueryParam("to") String to) {
        return reports.daily(ReportQuery.parse(line, from, to));
    }

    @GET
    @Path("/daily")
    @Produces(CSV)
    public String dailyCsv(@QueryParam("line") String line, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        return csv(reports.daily(ReportQuery.parse(line, from, to)));
    }

    @GET
    @Path("/weekly")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ReportRow> weekly(@QueryParam("line") String line, @QueryParam("from") String from,
                                  @QueryParam("to") String to) {
        return reports.weekly(ReportQuery.parse(line, from, to));
    }

    @GET
    @Path("/weekly")
    @Produces(CSV)
    public String weeklyCsv(@QueryParam("line") String line, @QueryParam("from") String from,
                            @QueryParam("to") String to) {
        return csv(reports.weekly(ReportQuery.parse(line, from, to)));
    }

    private static String csv(List<ReportRow> rows) {
        StringBuilder out = new StringBuilder(ReportRow.CSV_HEADER).append("\r\n");
        rows.forEach(r -> out.append(r.csv()).append("\r\n"));
        return out.toString();
    }
}
