#!/usr/bin/env bash
# Scale demonstration (issue 15, item 6); a benchmark, not a test. Writes the simulated cohort of
# benchmarks/CompareWithR/generate.R (fixed seed) at N subjects as Parquet (benchmarks/ScaleData, through
# DuckDB), then runs one study per analysis with `compute in engine` over the Parquet file and prints, per
# analysis: rows, wall seconds (median of REPS, minus the study without analyses), our process's peak RSS
# (GNU time) and the queries sent. Only the kinds an engine run can compute today are timed; the others are
# refused by `protocollang check` and listed as such.
#   benchmarks/scale.sh [--reps 3] [N ...]      (default N: 1000000 10000000; data under $SCALE_WORK)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps=3
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ "${#sizes[@]}" -eq 0 ] && sizes=(1000000 10000000)
command -v Rscript >/dev/null 2>&1 && dpkg -s r-cran-data.table time >/dev/null 2>&1 || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends r-base-core r-cran-data.table time \
    || { apt-get update && apt-get install -y --no-install-recommends r-base-core r-cran-data.table time; }
}
work="${SCALE_WORK:-${TMPDIR:-/tmp}/protocollang-scale}"
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PROTOCOLLANG_CACHE="$work/cache"
dotnet build "$repo/src/ProtocolLang.Cli" -c Release -nologo -v:q -o "$work/tool" >/dev/null
dotnet build "$repo/benchmarks/ScaleData" -c Release -nologo -v:q -o "$work/scaledata" >/dev/null
tool="$work/tool/ProtocolLang.Cli.dll"

# study NAME BODY → a study over subjects.parquet computed in the engine.
study() {
  cat <<STUDY
study Scale {
  compute in engine
  table subjects from parquet "subjects.parquet" key id {
    id: text
    arm: category(A, B, C, D)
    x1: number
    x2: number
    x3: number
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
  [table1]="describe x1, x2, x3, Y, status by group"
  [mwu]="compare Y: A vs B using mann_whitney approximate no_conf_int"
  [cox]="model cox T ~ group + x1 + x2 + x3 reference group = A ties efron zph none"
)
order=(empty km logrank table1 mwu cox)

printf '%-8s %10s %9s %9s %8s  %s\n' task N seconds peak_MB queries note
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  mkdir -p "$dir"
  [ -f "$dir/subjects.csv" ] || Rscript "$repo/benchmarks/CompareWithR/generate.R" "$n" "$dir" >/dev/null
  [ -f "$dir/subjects.parquet" ] || dotnet "$work/scaledata/ScaleData.dll" "$dir" >/dev/null
  base=0
  for task in "${order[@]}"; do
    study "$task" "${bodies[$task]}" > "$dir/$task.study"
    if ! dotnet "$tool" check "$dir/$task.study" > "$dir/$task.check" 2>&1; then
      printf '%-8s %10s %9s %9s %8s  %s\n' "$task" "$n" - - - "refused: $(grep -o 'PL[0-9]*[^.]*' "$dir/$task.check" | head -1)"
      continue
    fi
    ms=(); kb=0
    for i in $(seq "$reps"); do
      start=$(date +%s%N)
      line="$( { /usr/bin/time -f "%M" dotnet "$tool" run "$dir/$task.study" >/dev/null; } 2>&1 | tail -1)"
      ms+=($(( ($(date +%s%N) - start) / 1000000 )))
      [ "$line" -gt "$kb" ] && kb="$line"
    done
    med=$(printf '%s\n' "${ms[@]}" | sort -n | sed -n "$(( (reps + 1) / 2 ))p")
    [ "$task" = empty ] && base=$med
    queries=$(grep -o '"queries": *\[' -c "$dir/out-$task/results.json" 2>/dev/null || echo 0)
    secs=$(awk -v m="$med" -v b="$base" -v t="$task" 'BEGIN { printf "%.2f", (t == "empty" ? m : m - b) / 1000 }')
    printf '%-8s %10s %9s %9s %8s  %s\n' "$task" "$n" "$secs" "$((kb / 1024))" "$queries" "$([ "$task" = empty ] && echo "whole run (flow + checks)" || echo "minus empty")"
  done
done
