-- The call journal (issue 5): one row per call with the minimal metadata the association needs to evaluate
-- its service, and daily aggregates per line that outlive the purge of the rows.
-- No caller number is stored anywhere: caller_pseudonym is a keyed HMAC under a key that changes every period.

CREATE TABLE call_record (
    call_id           VARCHAR(64)  PRIMARY KEY,          -- HELPLINE_CALL_ID, a random UUID; idempotent writes
    line_code         VARCHAR(40),                       -- null when the dialled number matched no line
    service_day       DATE,                              -- the line's local date of the call's start
    started_at        TIMESTAMPTZ,                       -- the route decision
    queue_entered_at  TIMESTAMPTZ,
    answered_at       TIMESTAMPTZ,
    ended_at          TIMESTAMPTZ,
    wait_seconds      INTEGER,
    talk_seconds      INTEGER,
    outcome           VARCHAR(16)                        -- null while a queued call is still going on
        CHECK (outcome IN ('ANSWERED', 'ABANDONED', 'CLOSED', 'NO_LISTENER', 'OVERLOAD', 'UNKNOWN_LINE', 'FAILED')),
    listener_id       VARCHAR(80),                       -- the listener's id, never a name
    caller_pseudonym  VARCHAR(64),                       -- 'withheld' for anonymous callers
    pseudonym_period  VARCHAR(16),                       -- the period whose key made the pseudonym, e.g. 2026-11
    first_event_at    TIMESTAMPTZ  NOT NULL              -- the earliest event seen, for closing stale calls
);
CREATE INDEX call_record_day ON call_record (service_day, line_code);
CREATE INDEX call_record_open ON call_record (first_event_at) WHERE outcome IS NULL;
CREATE INDEX call_record_caller ON call_record (caller_pseudonym) WHERE caller_pseudonym <> 'withheld';

-- Daily figures per line in the line's time zone. No pseudonym, no instant finer than the day.
CREATE TABLE daily_line_stats (
    line_code              VARCHAR(40) NOT NULL,         -- '_unknown' gathers calls to no known line
    service_day            DATE        NOT NULL,
    offered                INTEGER     NOT NULL,
    answered               INTEGER     NOT NULL,
    abandoned              INTEGER     NOT NULL,          -- abandons after short_call_seconds or more
    short_calls            INTEGER     NOT NULL,          -- callers gone from the queue within short_call_seconds
    closed                 INTEGER     NOT NULL,
    no_listener            INTEGER     NOT NULL,          -- routed NO_LISTENER or left the queue unanswered
    timed_out              INTEGER     NOT NULL,          -- the part of no_listener that had waited in the queue
    overload               INTEGER     NOT NULL,
    failed                 INTEGER     NOT NULL,
    queued                 INTEGER     NOT NULL,          -- service-level denominator: answered + abandoned + timed_out
    answered_within_target INTEGER     NOT NULL,
    service_level_seconds  INTEGER     NOT NULL,
    short_call_seconds     INTEGER     NOT NULL,
    answered_waits         INTEGER[]   NOT NULL,          -- sorted waits of answered calls: exact percentiles over any span
    talk_seconds           BIGINT      NOT NULL,
    identified_callers     INTEGER     NOT NULL,          -- distinct pseudonyms that day (withheld numbers excluded)
    repeat_callers         INTEGER     NOT NULL,          -- of those, callers with another call to the line earlier in the period
    withheld_calls         INTEGER     NOT NULL,
    records_purged         BOOLEAN     NOT NULL DEFAULT FALSE, -- the day's call records are gone: the row is final
    computed_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (line_code, service_day)
);
