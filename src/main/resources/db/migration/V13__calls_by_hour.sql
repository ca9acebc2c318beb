-- Issue 9: when people call. Per line, service day, local clock hour and outcome, how many calls: the figures
-- behind the reports by hour of day, by weekday and the weekday × hour heatmap. Like daily_line_stats they
-- outlive the purge of call_record: no pseudonym, no listener, no instant finer than the hour.
-- A (line, day)'s rows are rewritten with its daily_line_stats row, in the same transaction, as long as that
-- row's records_purged is false; once the day's records are purged they are final too.

CREATE TABLE hourly_line_stats (
    line_code   VARCHAR(40) NOT NULL,                  -- '_unknown' gathers calls to no known line
    service_day DATE        NOT NULL,                  -- the call's service day (it starts at helpline.supervision.service-day-start)
    local_hour  SMALLINT    NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
                                                       -- the clock hour of the call's start in the line's zone:
                                                       -- 02 holds two hours of calls on the autumn DST night, none in spring
    outcome     VARCHAR(24) NOT NULL CHECK (outcome IN (
        'ANSWERED', 'ABANDONED', 'SHORT_CALL', 'LEFT_DURING_NOTICE', 'CLOSED', 'NO_LISTENER', 'TIMED_OUT', 'OVERLOAD',
        'UNKNOWN_LINE', 'FAILED', 'CRISIS_TRANSFER', 'TRANSFER_FAILED')),
                                                       -- as the figures count it: an abandon within short_call_seconds is SHORT_CALL
    calls       INTEGER     NOT NULL CHECK (calls > 0), -- only hours and outcomes with calls have a row
    PRIMARY KEY (line_code, service_day, local_hour, outcome)
);
CREATE INDEX hourly_line_stats_day ON hourly_line_stats (service_day, line_code);
