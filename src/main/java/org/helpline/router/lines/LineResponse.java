package org.helpline.router.lines;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A line as the API shows it. */
public record LineResponse(String code,
                           String name,
                           String number,
                           String timeZone,
                           String language,
                           List<LineRequest.CrisisNumberBody> crisisNumbers,
                           int maxWaitSeconds,
                           String queue,
                           boolean crisisTransfer,
                           LineRules.Rules rules,
                           List<PeriodBody> openingHours,
                           @JsonInclude(JsonInclude.Include.NON_NULL) OverrideBody override) {

    /** A weekly period as sent and shown by the API. */
    public record PeriodBody(String day, String from, String to) {
    }

    /** A manual override as sent and shown by the API. */
    public record OverrideBody(String state, String until, String reason) {
    }

    public static LineResponse of(Line line, Instant now) {
        OverrideBody override = null;
        if (line.overrideUntil != null && line.overrideUntil.isAfter(now)) {
            override = new OverrideBody(Boolean.TRUE.equals(line.overrideOpen) ? "OPEN" : "CLOSED",
                    line.overrideUntil.toString(), line.overrideReason);
        }
        return new LineResponse(line.code, line.name, line.number, line.timeZone, line.language,
                line.crisisNumbers.stream().map(c -> new LineRequest.CrisisNumberBody(c.label, c.number)).toList(),
                line.maxWaitSeconds, line.queue, line.crisisTransfer, line.rules.toValue(),
                line.openingPeriods.stream().map(p -> new PeriodBody(p.day.name(), p.from.toString(), p.to.toString())).toList(),
                override);
    }
}
