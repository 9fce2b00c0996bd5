#!/usr/bin/env bash
# Scale demonstration (issue 15, item 6); a benchmark, not a test. Writes the simulated cohort of
# benchmarks/CompareWithR/generate.R (fixed seed) at N subjects, puts it where the engine reads it, then runs one
# study per analysis with `compute in engine` and prints, per analysis: rows, wall seconds (median of REPS, minus the
# study without analyses), our process's peak RSS (GNU time) and the queries sent. Only the kinds an engine run can
# compute today are timed; the others are refused by `protocollang check` and listed as such.
#   --engine parquet (default): a Parquet file (benchmarks/ScaleData, through DuckDB), read by embedded DuckDB.
#   --engine clickhouse: the same rows in a Distributed table over the shards of a running ClickHouse cluster
#     (scripts/engines.sh up): a MergeTree table $SCALE_CH_TABLE_local on each shard of $SCALE_CH_SHARDS and
#     $SCALE_CH_TABLE (default protocollang_scale.subjects: its own database, so the tests' catalog of protocollang is untouched) over them, sharded by cityHash64(id). Only those two
#     names are dropped and re-created, and only when the table does not hold N rows. The study reads it through
#     the connection "scale" written to protocollang.connections.json in the study folder (docs/engines.md).
#     Bools go in as 0/1 (18.16 has no Bool); 18.16 parses CSV floats 1 ulp off at times (docs/engines.md), the
#     same for every row with the same text, so ties stay ties.
#   benchmarks/scale.sh [--engine parquet|clickhouse] [--reps 3] [N ...]   (default N: 1000000 10000000)
# SCALE_WITH_R=1 adds R's time on the same file (benchmarks/scale_r.R). The table is in docs/scale.md.
# Studies and outputs go under $SCALE_WORK; the generated subjects.csv is read from $SCALE_DATA/nN/ (default
# $SCALE_WORK) and generated there (R) only when missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps=3
engine=parquet
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --engine) engine="$2"; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
case "$engine" in parquet|clickhouse) ;; *) echo "scale.sh: --engine is parquet or clickhouse, not '$engine'" >&2; exit 2 ;; esac
[ "${#sizes[@]}" -eq 0 ] && sizes=(1000000 10000000)
work="${SCALE_WORK:-${TMPDIR:-/tmp}/protocollang-scale}"
data="${SCALE_DATA:-$work}"
ch_shards=(${SCALE_CH_SHARDS:-http://127.0.0.1:18123 http://127.0.0.1:18124})
ch_cluster="${SCALE_CH_CLUSTER:-protocollang_two_shards}"
ch_table="${SCALE_CH_TABLE:-protocollang_scale.subjects}"
need_r=0
for n in "${sizes[@]}"; do [ -f "$data/n$n/subjects.csv" ] || need_r=1; done
if ! [ -x /usr/bin/time ] || { [ "$need_r" = 1 ] && ! { command -v Rscript >/dev/null 2>&1 && dpkg -s r-cran-data.table >/dev/null 2>&1; }; }; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends r-base-core r-cran-data.table time \
    || { apt-get update && apt-get install -y --no-install-recommends r-base-core r-cran-data.table time; }
fi
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PROTOCOLLANG_CACHE="$work/cache"
dotnet publish "$repo/src/ProtocolLang.Cli" -c Release -nologo -v:q -o "$work/tool" >/dev/null
[ "$engine" = parquet ] && dotnet build "$repo/benchmarks/ScaleData" -c Release -nologo -v:q -o "$work/scaledata" >/dev/null
tool="$work/tool/ProtocolLang.Cli.dll"

# ch URL SQL → the answer of one ClickHouse server (user default; the query in the body).
ch() { curl -sS --fail-with-body "$1/?insert_distributed_sync=1" --data-binary "$2"; }

# ch_load N CSV → $ch_table holds the CSV's rows, spread over the shards (re-created unless it already holds N rows).
ch_load() {
  local n="$1" csv="$2" first="${ch_shards[0]}" db="${ch_table%%.*}" name="${ch_table#*.}" url
  # Kept when it holds N rows with the covariates' current names (before session 14 they were w1..w3 there: PL2287).
  if [ "$(ch "$first" "EXISTS TABLE $ch_table")" = 1 ] && [ "$(ch "$first" "SELECT count() FROM $ch_table")" = "$n" ] \
    && [ "$(ch "$first" "SELECT count() FROM system.columns WHERE database = '$db' AND table = '$name' AND name = '$c1'")" = 1 ]; then
    return
  fi
  for url in "${ch_shards[@]}"; do
    ch "$url" "DROP TABLE IF EXISTS $ch_table" >/dev/null
    ch "$url" "DROP TABLE IF EXISTS ${ch_table}_local" >/dev/null
    ch "$url" "CREATE DATABASE IF NOT EXISTS $db" >/dev/null
    ch "$url" "CREATE TABLE ${ch_table}_local (id String, arm String, $c1 Float64, $c2 Float64, $c3 Float64, time Float64, status UInt8, y Float64) ENGINE = MergeTree ORDER BY id" >/dev/null
    ch "$url" "CREATE TABLE $ch_table AS ${ch_table}_local ENGINE = Distributed($ch_cluster, $db, ${name}_local, cityHash64(id))" >/dev/null
  done
  # status is the only column whose cells are true/false; 18.16 reads a UInt8 as digits only.
  sed -e 's/,true,/,1,/' -e 's/,false,/,0,/' "$csv" \
    | curl -sS --fail-with-body "$first/?insert_distributed_sync=1&query=INSERT%20INTO%20$ch_table%20FORMAT%20CSVWithNames" --data-binary @- >/dev/null
  local total; total="$(ch "$first" "SELECT count() FROM $ch_table")"
  [ "$total" = "$n" ] || { echo "scale.sh: $ch_table holds $total rows, not $n" >&2; exit 1; }
  for url in "${ch_shards[@]}"; do
    [ "$(ch "$url" "SELECT count() > 0 FROM ${ch_table}_local")" = 1 ] || { echo "scale.sh: shard $url holds no rows" >&2; exit 1; }
  done
}

# The covariates' names (the engine queries' own names are quoted with a '#', SqlDialect.Alias, so x1..x3 read the
# table's columns on ClickHouse too; CSVWithNames loads by position).
c1=x1 c2=x2 c3=x3

# study NAME BODY → a study over subjects.parquet computed in the engine.
study() {
  cat <<STUDY
study Scale {
  compute in engine
  table subjects from $from key id {
    id: text
    arm: category(A, B, C, D)
    $c1: number
    $c2: number
    $c3: number
    time: number range 0..
    status: bool
    y: number
  }
  groups {
    A "A": arm == A
    B "B": arm == B
    C "C": arm == C
    D "D": arm == D
  }
  outcome T "Time to event": time_to_event(time, status)
  outcome Y "Y": continuous y
  $2
  report "out-$1" formats json
}
STUDY
}

declare -A bodies=(
  [empty]=""
  [km]="model kaplan_meier T by group at 10, 20, 30"
  [logrank]="test logrank T by group"
  [table1]="describe $c1, $c2, $c3, Y, status by group"
  [mwu]="compare Y: A vs B using mann_whitney approximate no_conf_int"
  [cox]="model cox T ~ group + $c1 + $c2 + $c3 reference group = A ties efron zph none"
)
# all: the whole analysis set in one study and one process, timed whole (not minus empty): what the issue compares with R.
bodies[all]="${bodies[table1]}
  ${bodies[mwu]}
  ${bodies[km]}
  ${bodies[logrank]}
  ${bodies[cox]}"
order=(empty km logrank table1 mwu cox all)

# received DIR TASK → what the engine sent back over the run's queries (results.json), with its unit.
received() {
  python3 - "$1/out-$2/results.json" <<'PY'
import json, sys
source = json.load(open(sys.argv[1]))["dataSources"][0]
total = sum(q.get("received", 0) for q in source.get("queries", []))
unit = source.get("receivedUnit", "")
print(f"{total / 1e6:.2f}M {unit}" if total >= 1e5 else f"{total} {unit}")
PY
}

printf '%-8s %10s %9s %9s %8s %16s  %s\n' task N seconds peak_MB queries received note
for n in "${sizes[@]}"; do
  mkdir -p "$data/n$n"
  [ -f "$data/n$n/subjects.csv" ] || Rscript "$repo/benchmarks/CompareWithR/generate.R" "$n" "$data/n$n" >/dev/null
  if [ "$engine" = parquet ]; then
    dir="$work/n$n"
    mkdir -p "$dir"
    [ -f "$dir/subjects.csv" ] || cp "$data/n$n/subjects.csv" "$dir/subjects.csv"
    [ -f "$dir/subjects.parquet" ] || dotnet "$work/scaledata/ScaleData.dll" "$dir" >/dev/null
    from='parquet "subjects.parquet"'
  else
    dir="$work/clickhouse-n$n"
    mkdir -p "$dir"
    start=$(date +%s%N)
    ch_load "$n" "$data/n$n/subjects.csv"
    printf '%-8s %10s %9s %9s %8s  %s\n' load "$n" "$(awk -v d=$(( ($(date +%s%N) - start) / 1000000 )) 'BEGIN { printf "%.2f", d / 1000 }')" - - "into $ch_table (skipped when it held N rows)"
    printf '{"scale": "Url=%s;Database=%s;User=default;Password=;Timeout=600"}\n' "${ch_shards[0]}" "${ch_table%%.*}" > "$dir/protocollang.connections.json"
    from="clickhouse \"scale\" table \"$ch_table\""
  fi
  base=0
  for task in "${order[@]}"; do
    study "$task" "${bodies[$task]}" > "$dir/$task.study"
    if ! dotnet "$tool" check "$dir/$task.study" > "$dir/$task.check" 2>&1; then
      printf '%-8s %10s %9s %9s %8s %16s  %s\n' "$task" "$n" - - - - "refused: $(grep -o 'PL[0-9]*[^.]*' "$dir/$task.check" | head -1)"
      continue
    fi
    ms=(); kb=0
    for i in $(seq "$reps"); do
      start=$(date +%s%N)
      # A run that fails is reported and stops the benchmark: a fast failure is not a time.
      if ! /usr/bin/time -o "$dir/$task.time" -f "%M" dotnet "$tool" run "$dir/$task.study" >"$dir/$task.out" 2>"$dir/$task.err"; then
        echo "scale.sh: the $task run at N=$n failed:" >&2; cat "$dir/$task.out" "$dir/$task.err" >&2; exit 1
      fi
      ms+=($(( ($(date +%s%N) - start) / 1000000 )))
      line="$(tail -1 "$dir/$task.time")"
      [ "$line" -gt "$kb" ] && kb="$line"
    done
    med=$(printf '%s\n' "${ms[@]}" | sort -n | sed -n "$(( (reps + 1) / 2 ))p")
    [ "$task" = empty ] && base=$med
    # The console's "computed in the engine (...) from N queries of sufficient statistics".
    queries=$(grep -o 'from [0-9]* queries' "$dir/$task.out" | grep -o '[0-9]*' || echo 0)
    whole=$([ "$task" = empty ] || [ "$task" = all ] && echo 1 || echo 0)
    secs=$(awk -v m="$med" -v b="$base" -v w="$whole" 'BEGIN { printf "%.2f", (w == 1 ? m : m - b) / 1000 }')
    note=$([ "$task" = empty ] && echo "whole run (checks + flow)" || { [ "$task" = all ] && echo "whole run, every analysis above" || echo "minus empty"; })
    printf '%-8s %10s %9s %9s %8s %16s  %s\n' "$task" "$n" "$secs" "$((kb / 1024))" "$queries" "$(received "$dir" "$task")" "$note"
  done
  # R on the same file (benchmarks/scale_r.R: read, then the same analyses), when asked: SCALE_WITH_R=1.
  if [ "${SCALE_WITH_R:-0}" = 1 ]; then
    Rscript "$repo/benchmarks/scale_r.R" "$data/n$n" | awk -v n="$n" '{ printf "R %-6s %10s %9s\n", $1, n, $3 }'
  fi
done
