#!/usr/bin/env bash
# The database servers the engine integration tests (tests/Engines.Tests) run against, private to this
# machine and listening on loopback only:
#   PostgreSQL 15 on 127.0.0.1:55432, database 'protocollang', user 'protocollang', password
#   'protocollang-ci', holding the example study's tables public.subjects and clinic.visits
#   (examples/Nxp2Jdm/data/*.csv, typed as its .study declares: scripts/engines/postgres-example.sql).
# Nothing is installed as a service: the cluster lives under ${PROTOCOLLANG_ENGINES_DIR:-/tmp/protocollang-engines}/pg,
# runs as a non-root user (as root: the 'postgres' user of Debian's package, else a system user made for it),
# and 'down' stops it and removes its folder. Every command is idempotent: 'up' twice leaves one server
# running with freshly loaded tables; 'down' when nothing runs does nothing. The ClickHouse cluster's
# script (scripts/clickhouse-cluster.sh: two shards on 127.0.0.1:18123/18124) is run from here too.
# Usage: scripts/engines.sh up|down|status
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$(pwd)"

engines_dir="${PROTOCOLLANG_ENGINES_DIR:-/tmp/protocollang-engines}"
pg_dir="$engines_dir/pg"
pg_data="$pg_dir/data"
pg_port=55432
pg_bin=/usr/lib/postgresql/15/bin

log() { echo "engines.sh: $*" >&2; }

# Commands of the cluster run as its owner: never root (PostgreSQL refuses to), so as root via runuser.
cluster_user() {
  if [ "$(id -u)" -ne 0 ]; then
    id -un
  elif id -u postgres >/dev/null 2>&1; then
    echo postgres
  else
    id -u protocollang-engines >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin protocollang-engines
    echo protocollang-engines
  fi
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$(cluster_user)" -- "$@"
  else
    "$@"
  fi
}

install_postgres() {
  [ -x "$pg_bin/initdb" ] && return 0
  log "installing postgresql (PostgreSQL 15 from Debian)"
  local sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends postgresql \
    || { "${sudo_cmd[@]}" apt-get update && "${sudo_cmd[@]}" apt-get install -y --no-install-recommends postgresql; }
}

pg_running() { [ -f "$pg_data/PG_VERSION" ] && as_owner "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; }

# psql over the cluster's private Unix socket (trust: only the owner and root can reach that folder).
pg_psql() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$pg_port" "$@"; }

pg_up() {
  install_postgres
  local owner
  owner="$(cluster_user)"
  mkdir -p "$engines_dir"
  chmod 755 "$engines_dir"
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    rm -rf "$pg_dir"
    mkdir -p "$pg_dir"
    chown "$owner" "$pg_dir"
    chmod 700 "$pg_dir"
    as_owner "$pg_bin/initdb" -D "$pg_data" --username=postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
      || { cat "$pg_dir/initdb.log" >&2; exit 1; }
  fi
  if ! pg_running; then
    as_owner "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_dir/server.log" -w -t 60 \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null \
      || { tail -n 20 "$pg_dir/server.log" >&2; log "PostgreSQL did not start (is port $pg_port taken?)"; exit 1; }
  fi
  # The role and database are made once; the tables are reloaded on every 'up', so a test that changed
  # them cannot leak into the next run.
  pg_psql -U postgres -d postgres <<'SQL'
SELECT 'CREATE ROLE protocollang LOGIN PASSWORD ''protocollang-ci'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'protocollang') \gexec
SELECT 'CREATE DATABASE protocollang OWNER protocollang'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'protocollang') \gexec
SQL
  pg_psql -U protocollang -d protocollang -f scripts/engines/postgres-example.sql
  local data="$repo/examples/Nxp2Jdm/data"
  pg_psql -U protocollang -d protocollang -c "COPY public.subjects FROM STDIN WITH (FORMAT csv, HEADER true)" <"$data/subjects.csv"
  pg_psql -U protocollang -d protocollang -c "COPY clinic.visits FROM STDIN WITH (FORMAT csv, HEADER true)" <"$data/visits.csv"
  pg_psql -U protocollang -d protocollang -c "ANALYZE public.subjects; ANALYZE clinic.visits"
  log "PostgreSQL 15 on 127.0.0.1:$pg_port, database protocollang (public.subjects, clinic.visits)"
}

pg_down() {
  if pg_running; then
    as_owner "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
  fi
  rm -rf "$pg_dir"
  log "PostgreSQL stopped, $pg_dir removed"
}

pg_status() {
  if pg_running; then
    echo "postgres: running on 127.0.0.1:$pg_port ($pg_data)"
  else
    echo "postgres: not running"
    return 3
  fi
}

# ---- ClickHouse -------------------------------------------------------------------------------------
# The two-shard ClickHouse cluster has its own script (scripts/clickhouse-cluster.sh, docs/engines.md);
# 'engines.sh up|down|status' covers every engine.
clickhouse() {
  scripts/clickhouse-cluster.sh "$@"
}

case "${1:-}" in
  up)
    pg_up
    clickhouse up --load
    ;;
  down)
    pg_down
    clickhouse down
    ;;
  status)
    pg_rc=0
    pg_status || pg_rc=$?
    clickhouse status
    exit "$pg_rc"
    ;;
  *)
    echo "usage: scripts/engines.sh up|down|status" >&2
    exit 2
    ;;
esac
