-- Listeners' SIP accounts (issue 13): the service generates each listener's PJSIP account from these columns.
-- Only the digest Asterisk needs is kept (MD5 of username:realm:password), never the password; the realm it was
-- computed with is kept beside it, so changing helpline.sip.realm affects only passwords set afterwards.
-- Listeners created before this version keep sip_username NULL: their endpoint stays one written by hand.

ALTER TABLE listener ADD COLUMN enabled             BOOLEAN     NOT NULL DEFAULT TRUE;
ALTER TABLE listener ADD COLUMN sip_username        VARCHAR(40) UNIQUE;
ALTER TABLE listener ADD COLUMN sip_password_digest VARCHAR(40);
ALTER TABLE listener ADD COLUMN sip_realm           VARCHAR(80);

-- A generated account has all three, and its endpoint is PJSIP/<sip_username>.
ALTER TABLE listener ADD CONSTRAINT listener_sip_account CHECK (
    (sip_username IS NULL AND sip_password_digest IS NULL AND sip_realm IS NULL)
    OR (sip_username IS NOT NULL AND sip_password_digest IS NOT NULL AND sip_realm IS NOT NULL
        AND endpoint = 'PJSIP/' || sip_username));
