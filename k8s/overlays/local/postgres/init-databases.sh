#!/bin/sh
# Runs once, when PostgreSQL initialises an empty data directory (docker-entrypoint-initdb.d): one database per
# service, each owned by its own login role, closed to the others. Used by k8s/overlays/local and docker-compose.yml.
set -eu

create_database() { # database role password
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v db="$1" -v role="$2" -v password="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

create_database studio_users  "$USERS_DB_USER"  "$USERS_DB_PASSWORD"
create_database studio_chat   "$CHAT_DB_USER"   "$CHAT_DB_PASSWORD"
create_database studio_images "$IMAGES_DB_USER" "$IMAGES_DB_PASSWORD"
