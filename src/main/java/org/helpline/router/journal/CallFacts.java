package org.helpline.router.journal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What one event tells about one call: the unit the journal buffers, spills to disk and merges into the call's
 * row. Null means "this event does not say". Holds exactly what the database holds, never a caller number,
 * so the spill file is no more sensitive than the table. Merging is order-independent and idempotent (see
 * {@link CallRecordStore}), so events may arrive in any order, from any instance, and be replayed.
 */
public record CallFacts(String callId,
                        String lineCode,
                        LocalDate serviceDay,
                        Instant startedAt,
                        Instant queueEnteredAt,
                        Instant answeredAt,
                        Instant endedAt,
                        Integer waitSeconds,
                        Integer talkSeconds,
                        CallOutcome outcome,
                        String listenerId,
                        String callerPseudonym,
                        String pseudonymPeriod,
                        Instant eventAt,
                        Boolean outcomeFinal,
                        Integer durationSeconds,
                        Integer listenersRung,
                        Boolean crisisHeard) {

    /** Facts of the route decision. */
    static CallFacts routed(String callId, String lineCode, LocalDate day, Instant at, CallOutcome outcome,
                            CallerPseudonymizer.Pseudonym pseudonym) {
        return new CallFacts(callId, lineCode, day, at, null, null, null, null, null, outcome, null,
                pseudonym.value(), pseudonym.period(), at, false, null, null, null);
    }

    /** Facts of a step in the queue: its provisional outcome and what it tells. */
    static CallFacts step(String callId, Instant at, Instant queueEnteredAt, Instant answeredAt, Instant endedAt,
                          Integer waitSeconds, Integer talkSeconds, CallOutcome outcome, String listenerId) {
        return new CallFacts(callId, null, null, null, queueEnteredAt, answeredAt, endedAt, waitSeconds, talkSeconds,
                outcome, listenerId, null, null, at, false, null, null, null);
    }

    /** Facts of the caller's hang-up: the final outcome, the end and what the call's end tells. */
    static CallFacts ended(String callId, String lineCode, LocalDate day, Instant arrivedAt, Instant endedAt,
                           Integer waitSeconds, CallOutcome outcome, Integer durationSeconds, Integer listenersRung,
                           boolean crisisHeard) {
        return new CallFacts(callId, lineCode, day, arrivedAt, null, null, endedAt, waitSeconds, null, outcome, null,
                null, null, arrivedAt != null && arrivedAt.isBefore(endedAt) ? arrivedAt : endedAt, true,
                durationSeconds, listenersRung, crisisHeard);
    }
}
