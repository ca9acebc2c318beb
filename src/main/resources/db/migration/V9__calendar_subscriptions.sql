-- Calendar sources (issue 14): iCalendar subscriptions of a line, and the calendar built from its uploads.
-- Each source keeps its last good document, so recurrences are re-expanded as time passes and a failing
-- source leaves the line as it was. No caller data lives here.

CREATE TABLE calendar_source (
    id                 BIGSERIAL    PRIMARY KEY,
    line_id            BIGINT       NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    kind               VARCHAR(20)  NOT NULL CHECK (kind IN ('CLOSURE', 'SPECIAL_OPENING')),
    origin             VARCHAR(20)  NOT NULL CHECK (origin IN ('SUBSCRIPTION', 'UPLOAD')),
    url                VARCHAR(2000),                   -- null for uploads; may hold a token: never logged, shown masked
    label              VARCHAR(200),
    body               TEXT,                            -- the last good document
    etag               VARCHAR(500),
    last_refreshed_at  TIMESTAMPTZ,                     -- last attempt, successful or not
    last_success_at    TIMESTAMPTZ,                     -- last time the source itself was read and understood
    last_error         VARCHAR(1000),
    events_imported    INTEGER      NOT NULL DEFAULT 0, -- occurrences now on the line from this source
    skipped            TEXT,                            -- JSON list of {uid, summary, reason}
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK ((origin = 'SUBSCRIPTION') = (url IS NOT NULL))
);
CREATE INDEX calendar_source_line ON calendar_source (line_id);
-- One upload calendar per line and kind.
CREATE UNIQUE INDEX calendar_source_upload ON calendar_source (line_id, kind) WHERE origin = 'UPLOAD';

-- Occurrences an operator deleted from the line: the source's next refresh leaves them out.
CREATE TABLE calendar_exclusion (
    source_id       BIGINT       NOT NULL REFERENCES calendar_source (id) ON DELETE CASCADE,
    occurrence_key  VARCHAR(600) NOT NULL,
    PRIMARY KEY (source_id, occurrence_key)
);

-- A range imported from a source is one occurrence: its UID and, for recurring events, the original start.
ALTER TABLE dated_range ADD COLUMN source_id BIGINT REFERENCES calendar_source (id) ON DELETE CASCADE;
ALTER TABLE dated_range ADD COLUMN source_recurrence VARCHAR(40) NOT NULL DEFAULT '';  -- '' when not recurring
DROP INDEX dated_range_source;
CREATE UNIQUE INDEX dated_range_source_occurrence
    ON dated_range (source_id, source_uid, source_recurrence)
    WHERE source_id IS NOT NULL;
CREATE INDEX dated_range_source_id ON dated_range (source_id) WHERE source_id IS NOT NULL;
