#!/usr/bin/env bash
# First start of the compose PostgreSQL: the application's two roles and database (as
# infra/dev/embedded-postgres.ts makes them locally) and Temporal's login, which
# temporal-sql-tool then gives its `temporal` and `temporal_visibility` databases.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE incubation_owner LOGIN PASSWORD '${INCUBATION_OWNER_DB_PASSWORD}';
CREATE ROLE incubation_app LOGIN PASSWORD '${INCUBATION_APP_DB_PASSWORD}';
CREATE DATABASE incubation OWNER incubation_owner;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD}';
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname incubation \
  -c 'ALTER SCHEMA public OWNER TO incubation_owner'
