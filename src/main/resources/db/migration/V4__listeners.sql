-- Listeners (issue 4): a pseudonymous name, a SIP endpoint and the lines they serve. No civil identity.

CREATE TABLE listener (
    id            BIGSERIAL    PRIMARY KEY,
    display_name  VARCHAR(60)  NOT NULL,
    endpoint      VARCHAR(80)  NOT NULL UNIQUE,
    version       BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE listener_line (
    listener_id  BIGINT      NOT NULL REFERENCES listener (id) ON DELETE CASCADE,
    line_code    VARCHAR(40) NOT NULL REFERENCES line (code) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (listener_id, line_code)
);
