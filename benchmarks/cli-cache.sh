#!/usr/bin/env bash
# Times `protocollang run` of the example twice with an empty assembly cache: the first run compiles
# (our compiler, then Roslyn in memory), the second loads the cached assembly. Prints both wall-clock
# times and their ratio. Not a test: timings depend on the machine; compare runs made side by side.
# Usage: benchmarks/cli-cache.sh            (builds the tool in Release first)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/protocollang-cli-cache.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PROTOCOLLANG_CACHE="$work/cache"

dotnet publish "$repo/src/ProtocolLang.Cli" -c Release -nologo -v:q -o "$work/tool" >/dev/null
tool="$work/tool/ProtocolLang.Cli.dll"
study="$repo/examples/Nxp2Jdm/nxp2_jdm.study"

seconds() {
  local start end
  start=$(date +%s%N)
  dotnet "$tool" run "$study" --out "$1" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

cold=$(seconds "$work/out-cold")
warm=$(seconds "$work/out-warm")
cmp -s "$work/out-cold/results.json" "$work/out-warm/results.json" || { echo "cli-cache: the two runs differ" >&2; exit 1; }
awk -v c="$cold" -v w="$warm" 'BEGIN {
  printf "cold run (compile + run): %.2f s\n", c / 1000
  printf "warm run (cached assembly): %.2f s\n", w / 1000
  printf "ratio cold/warm: %.1fx\n", c / w
}'
