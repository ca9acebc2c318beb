#!/bin/sh
# Run by the PostgreSQL image at the first start of an empty data volume only (/docker-entrypoint-initdb.d): the
# service's own role "helpline", owner of the database "helpline" and nothing more (no superuser, no CREATEDB,
# no other database). Flyway migrates the schema it owns. Its password is HELPLINE_DATABASE_PASSWORD (docker/.env);
# to change it later: ALTER ROLE helpline PASSWORD '...' as postgres, then the same value in docker/.env.
set -eu
: "${HELPLINE_DATABASE_PASSWORD:?set HELPLINE_DATABASE_PASSWORD in docker/.env}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set password="$HELPLINE_DATABASE_PASSWORD" <<'SQL'
CREATE ROLE helpline LOGIN PASSWORD :'password';
CREATE DATABASE helpline OWNER helpline;
REVOKE ALL ON DATABASE helpline FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE helpline TO helpline;
SQL
