#!/usr/bin/env bash
# A private two-shard ClickHouse cluster on loopback for the engine tests (issue 15): two servers,
# each with its own config, data and log directories and ports, and a `remote_servers` cluster
# `protocollang_two_shards` (one replica per shard) that both servers know, so a `Distributed`
# table on either one reads and aggregates over both shards. Nothing is installed as a service
# and nothing listens beyond 127.0.0.1.
#
# Usage: scripts/clickhouse-cluster.sh up [--load] | down | status
#   up       install clickhouse-server/-client from Debian when missing, start both servers, wait
#   --load   also create database `protocollang` with the example study's tables (see load_example)
#   down     stop both servers and remove the directory (idempotent)
#   status   print each server's state and the row count per shard of the loaded tables
# Layout: ${PROTOCOLLANG_ENGINES_DIR:-/tmp/protocollang-engines}/ch/{users.xml,shard1/,shard2/}.
# Ports: HTTP 18123/18124, native TCP 19000/19001, interserver 19009/19010. See docs/engines.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${PROTOCOLLANG_ENGINES_DIR:-/tmp/protocollang-engines}/ch"
http_ports=(18123 18124) tcp_ports=(19000 19001) inter_ports=(19009 19010)
timeout_s="${PROTOCOLLANG_CH_TIMEOUT:-60}"

die() { echo "clickhouse-cluster.sh: $*" >&2; exit 1; }
q() { clickhouse-client --host 127.0.0.1 --port "${tcp_ports[$1]}" --query "$2"; }   # q SHARD_INDEX SQL
pid_of() { cat "$root/shard$(($1 + 1))/server.pid" 2>/dev/null || true; }
alive() { local p; p="$(pid_of "$1")"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# Debian's package; the lists are refreshed only when the install fails (as test.sh does for fonts).
install_if_missing() {
  command -v clickhouse-server >/dev/null && command -v clickhouse-client >/dev/null && return
  local sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends clickhouse-server clickhouse-client \
    || { "${sudo_cmd[@]}" apt-get update && "${sudo_cmd[@]}" apt-get install -y --no-install-recommends clickhouse-server clickhouse-client; }
}

# One shared users file: `default` without a password (the tests' and the loader's user) and
# `reader` with one (the tests check that credentials travel in headers and never come back in an
# error). Both accept connections from loopback only.
write_users() {
  cat > "$root/users.xml" <<'XML'
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <reader><password>reader-secret</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></reader>
  </users>
  <quotas><default></default></quotas>
</yandex>
XML
}

# A minimal server config: Debian's /etc/clickhouse-server/config.xml listens on every interface,
# logs to /var/log and keeps 5-8 GB caches; this one is private, loopback-only and small (2-core box).
write_config() {   # write_config SHARD_INDEX
  local i="$1" dir="$root/shard$(($1 + 1))"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/log"
  cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>information</level><log>$dir/log/server.log</log><errorlog>$dir/log/server.err.log</errorlog><size>10M</size><count>2</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http_ports[$i]}</http_port>
  <tcp_port>${tcp_ports[$i]}</tcp_port>
  <interserver_http_port>${inter_ports[$i]}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <users_config>$root/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers>
    <protocollang_two_shards>
      <shard><replica><host>127.0.0.1</host><port>${tcp_ports[0]}</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>${tcp_ports[1]}</port></replica></shard>
    </protocollang_two_shards>
  </remote_servers>
</yandex>
XML
}

start_server() {   # start_server SHARD_INDEX
  local i="$1" dir="$root/shard$(($1 + 1))" run=()
  alive "$i" && return
  # 18.16 does run as root (checked), but a test server needs no root rights: as root, run it as
  # Debian's `clickhouse` user (made by the package), which then must own the directory.
  if [ "$(id -u)" -eq 0 ] && id clickhouse >/dev/null 2>&1; then
    chown -R clickhouse: "$root"; run=(runuser -u clickhouse --)
  fi
  "${run[@]}" clickhouse-server --config-file="$dir/config.xml" --pid-file="$dir/server.pid" --daemon \
    || fail "$i" "shard$((i + 1)) did not start"
}

# Ready = the server answers a query on its native port; never wait longer than the timeout.
wait_ready() {   # wait_ready SHARD_INDEX
  local deadline=$((SECONDS + timeout_s))
  until q "$1" "SELECT 1" >/dev/null 2>&1; do
    [ "$SECONDS" -ge "$deadline" ] && fail "$1" "shard$(($1 + 1)) not ready after ${timeout_s}s"
    sleep 0.5
  done
}

fail() {   # fail SHARD_INDEX MESSAGE: the server's own words first
  local dir="$root/shard$(($1 + 1))"
  echo "--- tail of $dir/log/server.err.log ---" >&2
  tail -n 30 "$dir/log/server.err.log" >&2 2>/dev/null || echo "(no log)" >&2
  die "$2 ('$0 down' stops whatever did start)"
}

# The example study (examples/Nxp2Jdm/nxp2_jdm.study): one column list per table, in the CSV's
# order, with ClickHouse types for the declared kinds: text/category -> String, number -> Float64,
# integer -> Int32, bool -> UInt8 (18.16 has no Bool), `optional` -> Nullable(...). Keys: the
# MergeTree order is the CSV's order (id, then month), so reads with ORDER BY give the CSV's rows.
subjects_cols="id String, antibody Nullable(String), onset String, age Float64, sex String, ck Float64, cmas Nullable(Float64), mas UInt8, myocardial UInt8, dysphagia UInt8, calcinosis UInt8, relapse_months Nullable(Float64), relapsed UInt8"
visits_cols="id String, month Int32, ck Float64, cmas Nullable(Float64), il10 Float64, ifng Float64"

# CSV -> rows of a VALUES list: strings quoted (backslash and quote escaped), an empty cell of a
# Nullable column NULL, true/false of a UInt8 column 1/0, and each Float64 in parentheses. Why the
# parentheses: 18.16 parses a bare number of TSV/CSV/VALUES input with a fast routine that is not
# correctly rounded (5.81 is stored as 5.8100000000000005); a parenthesised one falls back to the
# SQL parser, whose literals are exact. (Its CSV input also reads neither "" as NULL nor true.)
csv_to_values() {   # csv_to_values COLUMNS FILE
  awk -F, -v cols="$1" -v q="'" 'BEGIN { n = split(cols, c, ", "); for (k = 1; k <= n; k++) { split(c[k], p, " "); t[k] = p[2] } }
    NR > 1 { printf "("; for (k = 1; k <= NF; k++) { v = $k; b = t[k]; sub(/^Nullable\(/, "", b); sub(/\)$/, "", b)
        if (v == "" && t[k] ~ /^Nullable/) v = "NULL"
        else if (b == "String") { e = ""; for (i = 1; i <= length(v); i++) { ch = substr(v, i, 1); e = e (ch == "\\" || ch == q ? "\\" : "") ch }; v = q e q }
        else if (b == "UInt8") v = (v == "true" ? 1 : v == "false" ? 0 : v)
        else if (b == "Float64") v = "(" v ")"
        printf "%s%s", v, (k < NF ? ", " : ")\n") } }' "$2"
}

load_example() {
  local data="$repo/examples/Nxp2Jdm/data" table cols order i
  for i in 0 1; do
    q "$i" "CREATE DATABASE IF NOT EXISTS protocollang"
    for table in subjects visits; do
      [ "$table" = subjects ] && { cols="$subjects_cols"; order="id"; } || { cols="$visits_cols"; order="(id, month)"; }
      q "$i" "DROP TABLE IF EXISTS protocollang.$table"
      q "$i" "DROP TABLE IF EXISTS protocollang.${table}_local"
      q "$i" "CREATE TABLE protocollang.${table}_local ($cols) ENGINE = MergeTree() ORDER BY $order"
      # Sharded by the subject key, so a subject's row and all its visits live on one shard.
      q "$i" "CREATE TABLE protocollang.$table AS protocollang.${table}_local ENGINE = Distributed(protocollang_two_shards, protocollang, ${table}_local, cityHash64(id))"
    done
  done
  for table in subjects visits; do
    [ "$table" = subjects ] && cols="$subjects_cols" || cols="$visits_cols"
    # insert_distributed_sync: the INSERT returns only when both shards hold their rows (18.16
    # otherwise queues them on disk and sends them later).
    csv_to_values "$cols" "$data/$table.csv" | clickhouse-client --host 127.0.0.1 --port "${tcp_ports[0]}" \
      --insert_distributed_sync=1 --query "INSERT INTO protocollang.$table VALUES"
    local want have s1 s2
    want=$(($(wc -l < "$data/$table.csv") - 1))
    have="$(q 1 "SELECT count() FROM protocollang.$table")"
    s1="$(q 0 "SELECT count() FROM protocollang.${table}_local")"; s2="$(q 1 "SELECT count() FROM protocollang.${table}_local")"
    echo "protocollang.$table: $have rows (shard1 $s1, shard2 $s2) from $table.csv ($want rows)"
    [ "$have" -eq "$want" ] && [ "$s1" -gt 0 ] && [ "$s2" -gt 0 ] || die "$table: rows not split over both shards as expected"
  done
}

status() {
  local i t
  for i in 0 1; do
    if alive "$i" && q "$i" "SELECT 1" >/dev/null 2>&1; then
      echo "shard$((i + 1)): up (pid $(pid_of "$i"), http 127.0.0.1:${http_ports[$i]}, tcp ${tcp_ports[$i]}, version $(q "$i" "SELECT version()"))"
      for t in $(q "$i" "SELECT name FROM system.tables WHERE database = 'protocollang' AND engine = 'MergeTree'" 2>/dev/null); do
        echo "  protocollang.$t: $(q "$i" "SELECT count() FROM protocollang.$t") rows"
      done
    else
      echo "shard$((i + 1)): down"
    fi
  done
}

down() {
  local i p deadline
  for i in 0 1; do
    p="$(pid_of "$i")"
    [ -n "$p" ] && kill "$p" 2>/dev/null || continue
    deadline=$((SECONDS + timeout_s))
    while kill -0 "$p" 2>/dev/null; do
      [ "$SECONDS" -ge "$deadline" ] && { kill -9 "$p" 2>/dev/null || true; break; }
      sleep 0.2
    done
  done
  rm -rf "$root"
  echo "clickhouse-cluster.sh: stopped; removed $root"
}

case "${1:-}" in
  up)
    install_if_missing
    mkdir -p "$root"; write_users; write_config 0; write_config 1
    start_server 0; start_server 1; wait_ready 0; wait_ready 1
    echo "clickhouse-cluster.sh: up: http://127.0.0.1:${http_ports[0]} and http://127.0.0.1:${http_ports[1]} ($root)"
    [ "${2:-}" = "--load" ] && load_example
    exit 0 ;;
  down) down ;;
  status) status ;;
  *) die "usage: $0 up [--load] | down | status" ;;
esac
