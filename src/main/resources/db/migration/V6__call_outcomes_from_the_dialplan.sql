-- Issue 9: every call's outcome as the caller lived it, from the dialplan's HELPLINE_OUTCOME on the caller's
-- Hangup event; the end, duration, wait and listeners rung of every call; whether the crisis numbers were all said.

ALTER TABLE call_record DROP CONSTRAINT IF EXISTS call_record_outcome_check;
ALTER TABLE call_record ALTER COLUMN outcome TYPE VARCHAR(24);
ALTER TABLE call_record ADD CONSTRAINT call_record_outcome_check CHECK (outcome IN (
    'ANSWERED', 'ABANDONED', 'SHORT_CALL', 'LEFT_DURING_NOTICE', 'CLOSED', 'NO_LISTENER', 'TIMED_OUT', 'OVERLOAD',
    'UNKNOWN_LINE', 'FAILED', 'CRISIS_TRANSFER', 'TRANSFER_FAILED'));

ALTER TABLE call_record
    ADD COLUMN outcome_final    BOOLEAN NOT NULL DEFAULT FALSE, -- the outcome came from the caller's hang-up: no later event changes it
    ADD COLUMN duration_seconds INTEGER,                        -- from the call's arrival to its hang-up
    ADD COLUMN listeners_rung   INTEGER,                        -- distinct listeners whose phone rang for the call
    ADD COLUMN crisis_heard     BOOLEAN;                        -- the caller stayed until every crisis number was said

ALTER TABLE daily_line_stats
    ADD COLUMN left_during_notice INTEGER NOT NULL DEFAULT 0,   -- hung up on an open line before reaching the queue
    ADD COLUMN crisis_transfers   INTEGER NOT NULL DEFAULT 0,   -- pressed 1 and the crisis line answered
    ADD COLUMN transfers_failed   INTEGER NOT NULL DEFAULT 0,   -- pressed 1 and the network refused the transfer
    ADD COLUMN unknown_line       INTEGER NOT NULL DEFAULT 0,   -- calls to a number no line owns (line '_unknown')
    ADD COLUMN crisis_heard       INTEGER NOT NULL DEFAULT 0;   -- callers who heard every crisis number

COMMENT ON COLUMN daily_line_stats.no_listener IS 'routed NO_LISTENER, or the queue emptied under the caller (ring-outs)';
COMMENT ON COLUMN daily_line_stats.timed_out IS 'the line''s maximum wait was reached in the queue';
COMMENT ON COLUMN daily_line_stats.queued IS 'calls that entered the queue, short calls excepted: the service-level denominator';
