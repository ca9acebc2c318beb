package org.helpline.router.schedule;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.lines.LineResponse;
import org.helpline.router.schedule.calendar.CalendarBody;
import org.helpline.router.schedule.calendar.CalendarConfig;
import org.helpline.router.schedule.calendar.CalendarUploads;
import org.helpline.router.schedule.calendar.ImportResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A line's opening hours, closures, special openings, override and status: {@code /api/lines/{code}/...}. */
@Path("/api/lines/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    private final ScheduleService schedule;
    private final CalendarUploads uploads;
    private final CalendarConfig calendars;
    private final Clock clock;

    ScheduleResource(ScheduleService schedule, CalendarUploads uploads, CalendarConfig calendars, Clock clock) {
        this.schedule = schedule;
        this.uploads = uploads;
        this.calendars = calendars;
        this.clock = clock;
    }

    @PUT
    @Path("/opening-hours")
    @RolesAllowed("operator")
    public ScheduleBodies.OpeningHoursBody replaceOpeningHours(@PathParam("code") String code,
                                                               ScheduleBodies.OpeningHoursBody body) {
        return new ScheduleBodies.OpeningHoursBody(
                LineResponse.of(schedule.replaceOpeningHours(code, body), Instant.now(clock)).openingHours());
    }

    @GET
    @Path("/opening-hours")
    @RolesAllowed({"operator", "coordinator"})
    public ScheduleBodies.OpeningHoursBody openingHours(@PathParam("code") String code) {
        return new ScheduleBodies.OpeningHoursBody(
                LineResponse.of(schedule.line(code), Instant.now(clock)).openingHours());
    }

    @GET
    @Path("/closures")
    @RolesAllowed({"operator", "coordinator"})
    public List<ScheduleBodies.RangeBody> closures(@PathParam("code") String code) {
        return schedule.ranges(code, ScheduledRange.Kind.CLOSURE);
    }

    @POST
    @Path("/closures")
    @RolesAllowed("operator")
    public Response addClosure(@PathParam("code") String code, ScheduleBodies.RangeBody body, @Context UriInfo uri) {
        return created(schedule.addRange(code, ScheduledRange.Kind.CLOSURE, body), uri);
    }

    /** Imports closures from an iCalendar document; events already imported (same UID) are updated, not doubled. */
    @POST
    @Path("/closures")
    @Consumes("text/calendar")
    @RolesAllowed("operator")
    public ImportResult importClosures(@PathParam("code") String code, InputStream body,
                                       @Context jakarta.ws.rs.core.HttpHeaders headers) {
        return uploads.upload(code, ScheduledRange.Kind.CLOSURE, calendarText(body, headers));
    }

    @DELETE
    @Path("/closures/{id}")
    @RolesAllowed("operator")
    public Response deleteClosure(@PathParam("code") String code, @PathParam("id") long id) {
        schedule.deleteRange(code, ScheduledRange.Kind.CLOSURE, id);
        return Response.noContent().build();
    }

    @GET
    @Path("/special-openings")
    @RolesAllowed({"operator", "coordinator"})
    public List<ScheduleBodies.RangeBody> specialOpenings(@PathParam("code") String code) {
        return schedule.ranges(code, ScheduledRange.Kind.SPECIAL_OPENING);
    }

    @POST
    @Path("/special-openings")
    @RolesAllowed("operator")
    public Response addSpecialOpening(@PathParam("code") String code, ScheduleBodies.RangeBody body,
                                      @Context UriInfo uri) {
        return created(schedule.addRange(code, ScheduledRange.Kind.SPECIAL_OPENING, body), uri);
    }

    /** Imports special openings from an iCalendar document, as for closures. */
    @POST
    @Path("/special-openings")
    @Consumes("text/calendar")
    @RolesAllowed("operator")
    public ImportResult importSpecialOpenings(@PathParam("code") String code, InputStream body,
                                              @Context jakarta.ws.rs.core.HttpHeaders headers) {
        return uploads.upload(code, ScheduledRange.Kind.SPECIAL_OPENING, calendarText(body, headers));
    }

    @DELETE
    @Path("/special-openings/{id}")
    @RolesAllowed("operator")
    public Response deleteSpecialOpening(@PathParam("code") String code, @PathParam("id") long id) {
        schedule.deleteRange(code, ScheduledRange.Kind.SPECIAL_OPENING, id);
        return Response.noContent().build();
    }

    /**
     * Coordinators may force the state too: closing the line tonight because the team is short is an on-duty
     * decision. The audit trail names who did it.
     */
    @PUT
    @Path("/override")
    @RolesAllowed({"operator", "coordinator"})
    public LineResponse.OverrideBody setOverride(@PathParam("code") String code,
                                                 ScheduleBodies.OverrideRequest body) {
        return LineResponse.of(schedule.setOverride(code, body), Instant.now(clock)).override();
    }

    @DELETE
    @Path("/override")
    @RolesAllowed({"operator", "coordinator"})
    public Response clearOverride(@PathParam("code") String code) {
        schedule.clearOverride(code);
        return Response.noContent().build();
    }

    @GET
    @Path("/status")
    @RolesAllowed({"operator", "coordinator"})
    public ScheduleBodies.StatusBody status(@PathParam("code") String code, @QueryParam("at") String at) {
        Instant instant = null;
        if (at != null) {
            FieldErrors errors = new FieldErrors();
            instant = errors.instant("at", at);
            errors.throwIfAny();
        }
        return ScheduleBodies.StatusBody.of(schedule.status(code, instant));
    }

    /** The body as text, read no further than the calendar size cap. */
    private String calendarText(InputStream body, jakarta.ws.rs.core.HttpHeaders headers) {
        long limit = calendars.maxSize().asLongValue();
        try {
            String charset = headers.getMediaType() == null ? null : headers.getMediaType().getParameters().get("charset");
            return CalendarBody.decode(CalendarBody.read(body, limit), charset == null ? null : Charset.forName(charset));
        } catch (CalendarBody.TooLargeException e) {
            throw ApiProblem.tooLarge("body", "is larger than " + limit + " bytes, the most a calendar may hold");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("body", "declares an unknown charset");
        } catch (IOException e) {
            throw ApiProblem.invalid("body", "could not be read whole");
        }
    }

    private static Response created(ScheduledRange range, UriInfo uri) {
        if (range == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(range.id)).build())
                .entity(ScheduleBodies.RangeBody.of(range)).build();
    }
}
