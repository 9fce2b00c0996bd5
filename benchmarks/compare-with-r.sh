#!/usr/bin/env bash
# Times each analysis kind in ProtocolLang and in R on the same simulated files, checks the answers
# agree, and prints task, N, ours, R, ratio and the peak memory of each. Not a test: timings depend
# on the machine and its load (run it on an idle machine; single runs vary by ±30 %).
#   ours: `protocollang run` of a one-analysis study (Release build, assembly cache warm), median of
#         REPS wall-clock runs, minus the median of the same study without its analysis ("empty"),
#         so the fixed cost of starting the tool and loading the table is not counted twice;
#         "load" is the empty study at N minus the empty study at 100 subjects; "study" is the
#         whole seed-like study (KM, log-rank, Cox, Mann-Whitney with CI, Kruskal-Wallis) minus
#         the empty study at 100 subjects. Peak = the process's maximum RSS (GNU time).
#   R:    in one Rscript per size, each task timed in-process (system.time, median of REPS), peak =
#         the heap R used for it (gc "max used"); "study" includes fread.
# Installs R from Debian when missing. Usage:
#   benchmarks/compare-with-r.sh [--reps 3] [--tasks "load km ..."] [--ours-only] [N ...]   (default N: 1e4 1e5 1e6)
# --ours-only times ProtocolLang alone (R still generates the data): for the scaling across sizes R cannot hold
# (R's Cox at 10^7 takes ~80 s a run).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps=3
ours_only=0
tasks="load km logrank cox mwu mwu_ci kw mixed study"
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --tasks) tasks="$2"; shift 2 ;;
    --ours-only) ours_only=1; shift ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ "${#sizes[@]}" -eq 0 ] && sizes=(10000 100000 1000000)

need=()
command -v Rscript >/dev/null 2>&1 || need+=(r-base-core)
for pkg in r-cran-survival r-cran-lme4 r-cran-jsonlite r-cran-data.table time; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${need[@]}" \
    || { "${sudo_cmd[@]}" apt-get update && "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${need[@]}"; }
fi

work="${COMPARE_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/protocollang-compare.XXXXXX")}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PROTOCOLLANG_CACHE="$work/cache"
here="$repo/benchmarks/CompareWithR"
# shellcheck source=CompareWithR/studies.sh
source "$here/studies.sh"

dotnet publish "$repo/src/ProtocolLang.Cli" -c Release -nologo -v:q -o "$work/tool" >/dev/null
tool="$work/tool/ProtocolLang.Cli.dll"

# run_ours DIR TASK → "median_ms peak_kb" over REPS runs (after one untimed run that fills the cache).
run_ours() {
  local dir="$1" task="$2" i start ms=() kb=0 line
  dotnet "$tool" run "$dir/$task.study" --out "$dir/ours/$task" >/dev/null
  for i in $(seq "$reps"); do
    start=$(date +%s%N)
    line="$( { /usr/bin/time -f "%M" dotnet "$tool" run "$dir/$task.study" --out "$dir/ours/$task" >/dev/null; } 2>&1 | tail -1)"
    ms+=($(( ($(date +%s%N) - start) / 1000000 )))
    [ "$line" -gt "$kb" ] && kb="$line"
  done
  printf '%s\n' "${ms[@]}" | sort -n | awk -v kb="$kb" '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)], kb }'
}

tiny="$work/n100"
mkdir -p "$tiny"
Rscript "$here/generate.R" 100 "$tiny"
write_studies "$tiny"
read -r tiny_ms _ < <(run_ours "$tiny" empty)
read -r tiny_visits_ms _ < <(run_ours "$tiny" empty_visits)

printf '%-8s %9s %10s %10s %8s %12s %10s %10s\n' task N "ours (s)" "R (s)" ours/R "ours peak" "R peak" agree
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  mkdir -p "$dir"
  [ -f "$dir/subjects.csv" ] || Rscript "$here/generate.R" "$n" "$dir"
  write_studies "$dir"
  read -r empty_ms _ < <(run_ours "$dir" empty)
  declare -A ours_ms=() ours_kb=()
  for task in $tasks; do
    case "$task" in
      load) ours_ms[$task]=$((empty_ms - tiny_ms)); ours_kb[$task]=$(run_ours "$dir" empty | cut -d' ' -f2) ;;
      *)
        read -r ms kb < <(run_ours "$dir" "$task")
        case "$task" in
          mixed) base=$(run_ours "$dir" empty_visits | cut -d' ' -f1) ;;
          study) base=$tiny_ms ;;
          *) base=$empty_ms ;;
        esac
        ours_ms[$task]=$((ms - base)); ours_kb[$task]=$kb ;;
    esac
  done
  if [ "$ours_only" -eq 1 ]; then
    for task in $tasks; do
      awk -v t="$task" -v n="$n" -v o="${ours_ms[$task]}" -v ok="${ours_kb[$task]}" 'BEGIN {
        o = o / 1000; if (o < 0) o = 0
        printf "%-8s %9d %10.3f %10s %8s %9.0f MB %10s %10s\n", t, n, o, "-", "-", ok / 1024, "-", "-"
      }'
    done
    continue
  fi
  Rscript "$here/r_tasks.R" "$dir" "$reps" "$dir/ours" "$dir/r.tsv" $tasks
  tail -n +2 "$dir/r.tsv" | while IFS=$'\t' read -r task r_s r_mb agree; do
    awk -v t="$task" -v n="$n" -v o="${ours_ms[$task]}" -v r="$r_s" -v ok="${ours_kb[$task]}" -v rm="$r_mb" -v ag="$agree" 'BEGIN {
      o = o / 1000; if (o < 0) o = 0
      printf "%-8s %9d %10.3f %10.3f %8.2f %9.0f MB %7.0f MB %10s\n", t, n, o, r, (r > 0 ? o / r : 0), ok / 1024, rm, ag
    }'
  done
done
[ -n "${COMPARE_WORK:-}" ] || rm -rf "$work"
