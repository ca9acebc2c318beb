-- Each line's own recordings of its messages (issue 10): the charter notice, closed, no-listener, overload,
-- queue-timeout and goodbye messages, per language. The audio is stored exactly as Asterisk plays it (8 kHz
-- mono 16-bit PCM WAV): PostgreSQL is the source of truth, and every instance of the service rebuilds its
-- messages folder (helpline.messages.directory) from this table. A message without a row here is the generic
-- shipped prompt. No caller data lives here.

CREATE TABLE line_message (
    id           BIGSERIAL    PRIMARY KEY,
    line_code    VARCHAR(40)  NOT NULL REFERENCES line (code) ON DELETE CASCADE,
    name         VARCHAR(40)  NOT NULL,                 -- notice, closed, no-listener, ... ([helpline-play] ARG1)
    language     VARCHAR(8)   NOT NULL,                 -- fr, en: the prompt language it is played in
    audio        BYTEA        NOT NULL,                 -- the whole WAV file, header included
    duration_ms  INTEGER      NOT NULL CHECK (duration_ms > 0),
    size_bytes   INTEGER      NOT NULL CHECK (size_bytes > 44),
    sha256       VARCHAR(64)  NOT NULL,                 -- hex digest of audio, to check the folder's copy
    uploaded_by  VARCHAR(80)  NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (line_code, name, language)
);
