package org.helpline.router.journal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.helpline.router.accounts.Roles;

import java.util.List;
import java.util.function.Function;

/**
 * Coordinators' reports from the call journal, as JSON or, with {@code Accept: text/csv}, as CSV for a
 * spreadsheet or a funder's annual report: {@code /api/reports/daily} and {@code /weekly} (a line's figures per
 * day or ISO week), and when people call: {@code /hourly} (per clock hour), {@code /weekdays} (per weekday) and
 * {@code /heatmap} (per weekday and hour), each per outcome. Every one takes {@code line} (optional), {@code from}
 * and {@code to} (service days, both included). Meanings: docs/reports.md.
 */
@Path("/api/reports")
@RolesAllowed({Roles.COORDINATOR, Roles.OPERATOR})
public class ReportResource {

    static final String CSV = "text/csv";

    private final ReportService reports;
    private final CallTimesReports callTimes;

    ReportResource(ReportService reports, CallTimesReports callTimes) {
        this.reports = reports;
        this.callTimes = callTimes;
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
        return csv(ReportRow.CSV_HEADER, daily(line, from, to), ReportRow::csv);
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
        return csv(ReportRow.CSV_HEADER, weekly(line, from, to), ReportRow::csv);
    }

    @GET
    @Path("/hourly")
    @Produces(MediaType.APPLICATION_JSON)
    public List<HourRow> hourly(@QueryParam("line") String line, @QueryParam("from") String from,
                                @QueryParam("to") String to) {
        return callTimes.hourly(ReportQuery.parse(line, from, to));
    }

    @GET
    @Path("/hourly")
    @Produces(CSV)
    public String hourlyCsv(@QueryParam("line") String line, @QueryParam("from") String from,
                            @QueryParam("to") String to) {
        return csv(HourRow.CSV_HEADER, hourly(line, from, to), HourRow::csv);
    }

    @GET
    @Path("/weekdays")
    @Produces(MediaType.APPLICATION_JSON)
    public List<WeekdayRow> weekdays(@QueryParam("line") String line, @QueryParam("from") String from,
                                     @QueryParam("to") String to) {
        return callTimes.weekdays(ReportQuery.parse(line, from, to));
    }

    @GET
    @Path("/weekdays")
    @Produces(CSV)
    public String weekdaysCsv(@QueryParam("line") String line, @QueryParam("from") String from,
                              @QueryParam("to") String to) {
        return csv(WeekdayRow.CSV_HEADER, weekdays(line, from, to), WeekdayRow::csv);
    }

    @GET
    @Path("/heatmap")
    @Produces(MediaType.APPLICATION_JSON)
    public List<HeatmapRow> heatmap(@QueryParam("line") String line, @QueryParam("from") String from,
                                    @QueryParam("to") String to) {
        return callTimes.heatmap(ReportQuery.parse(line, from, to));
    }

    @GET
    @Path("/heatmap")
    @Produces(CSV)
    public String heatmapCsv(@QueryParam("line") String line, @QueryParam("from") String from,
                             @QueryParam("to") String to) {
        return csv(HeatmapRow.CSV_HEADER, heatmap(line, from, to), HeatmapRow::csv);
    }

    private static <T> String csv(String header, List<T> rows, Function<T, String> line) {
        StringBuilder out = new StringBuilder(header).append("\r\n");
        rows.forEach(r -> out.append(line.apply(r)).append("\r\n"));
        return out.toString();
    }
}
