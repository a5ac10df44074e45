#!/usr/bin/env bash
# Runs k8s/overlays/local/postgres/init-databases.sh (also docker-compose's) against a real, throw-away PostgreSQL
# (Debian's server binaries, a temp data directory, a unix socket only) and checks what the services rely on: each
# role owns its database and can create tables there, and cannot connect to the other services' databases.
# Prints "ok - ..."/"FAIL - ..." lines and "checks: N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script="$here/../../k8s/overlays/local/postgres/init-databases.sh"
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
finish() { echo "checks: $passed passed, $failed failed"; [ "$failed" = 0 ]; exit $?; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || ! command -v psql >/dev/null; then
  (apt-get install -y -qq postgresql >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql) >/dev/null 2>&1) || true
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
fi
[ -n "$bindir" ] && command -v psql >/dev/null || { fail "PostgreSQL server binaries and psql (apt-get install postgresql)"; finish; }

work=$(mktemp -d /tmp/studio-initdb-check.XXXXXX)
# PostgreSQL refuses to run as root: run it as an unprivileged user when we are root.
run_as=""
if [ "$(id -u)" = 0 ]; then
  user=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  chown -R "$user" "$work"
  run_as="runuser -u $user --"
fi
cleanup() { $run_as "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT

$run_as "$bindir/initdb" -D "$work/data" -U postgres --auth=trust >"$work/initdb.log" 2>&1 || { fail "initdb: $(tail -2 "$work/initdb.log")"; finish; }
$run_as "$bindir/pg_ctl" -D "$work/data" -o "-c listen_addresses= -k $work -p 5432" -l "$work/pg.log" -w start >/dev/null 2>&1 \
  || { fail "PostgreSQL did not start: $(tail -3 "$work/pg.log")"; finish; }
# Like the image: password auth for everyone but the local superuser, so the roles' passwords are what is tested.
printf 'local all postgres trust\nlocal all all scram-sha-256\n' > "$work/data/pg_hba.conf"
$run_as "$bindir/pg_ctl" -D "$work/data" reload >/dev/null 2>&1; sleep 0.5

export PGHOST="$work" PGPORT=5432 POSTGRES_USER=postgres
export USERS_DB_USER=studio_users USERS_DB_PASSWORD='u-pass' CHAT_DB_USER=studio_chat CHAT_DB_PASSWORD="c'pass"
export IMAGES_DB_USER=studio_images IMAGES_DB_PASSWORD='i pass'
if sh "$script" >"$work/init.log" 2>&1; then ok "init-databases.sh runs (quotes and spaces in passwords included)"
else fail "init-databases.sh: $(tail -3 "$work/init.log")"; finish; fi

as_role() { PGPASSWORD="$2" psql -X -q -At -v ON_ERROR_STOP=1 -U "$1" -d "$3" -c "$4" 2>&1; }
problems=""
for spec in "studio_users:u-pass" "studio_chat:c'pass" "studio_images:i pass"; do
  role=${spec%%:*}; pw=${spec#*:}
  out=$(as_role "$role" "$pw" "$role" "create table probe (id int); insert into probe values (1); select count(*) from probe")
  [ "$out" = 1 ] || problems+="$role cannot create tables in its own database: $out; "
  for other in studio_users studio_chat studio_images; do
    [ "$other" = "$role" ] && continue
    if as_role "$role" "$pw" "$other" "select 1" >/dev/null 2>&1; then problems+="$role can connect to $other; "; fi
  done
done
[ -z "$problems" ] && ok "each role owns its database, creates tables there, and cannot connect to the other two" || fail "$problems"
out=$(PGPASSWORD=wrong psql -X -q -At -U studio_users -d studio_users -c "select 1" 2>&1)
[[ "$out" == *"password authentication failed"* ]] && ok "a wrong password is refused" || fail "wrong password: $out"
finish
