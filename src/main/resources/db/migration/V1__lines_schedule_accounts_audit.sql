-- Lines, their opening hours, accounts and the audit trail (issue 2).
-- No caller data lives in any of these tables.

CREATE TABLE line (
    id                BIGSERIAL PRIMARY KEY,
    code              VARCHAR(40)  NOT NULL UNIQUE,
    name              VARCHAR(200) NOT NULL,
    number            VARCHAR(20)  NOT NULL UNIQUE,
    time_zone         VARCHAR(64)  NOT NULL DEFAULT 'Europe/Paris',
    language          VARCHAR(8)   NOT NULL DEFAULT 'fr',
    max_wait_seconds  INTEGER      NOT NULL DEFAULT 300,
    queue_name        VARCHAR(80)  NOT NULL,
    crisis_transfer   BOOLEAN      NOT NULL DEFAULT FALSE,
    max_waiting_callers          INTEGER NOT NULL DEFAULT 10,
    service_level_seconds        INTEGER NOT NULL DEFAULT 30,
    wrap_up_seconds              INTEGER NOT NULL DEFAULT 30,
    long_call_minutes            INTEGER NOT NULL DEFAULT 45,
    rest_after_long_call_seconds INTEGER NOT NULL DEFAULT 300,
    break_reminder_minutes       INTEGER NOT NULL DEFAULT 120,
    break_reminder_calls         INTEGER NOT NULL DEFAULT 8,
    override_open     BOOLEAN,
    override_until    TIMESTAMPTZ,
    override_reason   VARCHAR(500),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version           BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE line_crisis_number (
    line_id   BIGINT       NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    position  INTEGER      NOT NULL,
    label     VARCHAR(200) NOT NULL,
    number    VARCHAR(20)  NOT NULL,
    PRIMARY KEY (line_id, position)
);

CREATE TABLE opening_period (
    line_id    BIGINT      NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    position   INTEGER     NOT NULL,
    day        VARCHAR(10) NOT NULL,
    from_time  TIME        NOT NULL,
    to_time    TIME        NOT NULL,
    PRIMARY KEY (line_id, position)
);

-- Closures and special openings share one shape: a local date-time range in the line's zone.
CREATE TABLE dated_range (
    id          BIGSERIAL PRIMARY KEY,
    line_id     BIGINT       NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    kind        VARCHAR(20)  NOT NULL CHECK (kind IN ('CLOSURE', 'SPECIAL_OPENING')),
    from_local  TIMESTAMP    NOT NULL,
    to_local    TIMESTAMP    NOT NULL,
    reason      VARCHAR(500) NOT NULL,
    source_uid  VARCHAR(255),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (to_local > from_local)
);
CREATE INDEX dated_range_line_kind ON dated_range (line_id, kind, from_local);
CREATE UNIQUE INDEX dated_range_source ON dated_range (line_id, kind, source_uid) WHERE source_uid IS NOT NULL;

CREATE TABLE account (
    id             BIGSERIAL PRIMARY KEY,
    username       VARCHAR(80)  NOT NULL UNIQUE,
    password_hash  VARCHAR(100) NOT NULL,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE account_role (
    account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role        VARCHAR(40) NOT NULL,
    PRIMARY KEY (account_id, role)
);

CREATE TABLE audit_entry (
    id        BIGSERIAL PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor     VARCHAR(80)  NOT NULL,
    action    VARCHAR(60)  NOT NULL,
    target    VARCHAR(200) NOT NULL,
    details   TEXT
);
CREATE INDEX audit_entry_at ON audit_entry (at DESC);
