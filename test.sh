#!/usr/bin/env bash
# The README's test command. Installs what the tests need when it is missing (DejaVu fonts: the SVG
# figures' text is measured with them, so figure bytes depend on them; Chromium: the headless check
# of report.html; PostgreSQL and ClickHouse, through scripts/engines.sh), starts the engine servers, then
# runs every test of the solution and prints the totals as one plain line, "N passed, N failed", counted
# from the test runs' TRX files.
# Usage: ./test.sh [extra dotnet test arguments]     (exit code: dotnet test's, or the install's)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages, installed only when missing; the package lists are refreshed only when the
# first install fails (a fresh machine's lists may be stale), so a machine that has both pays nothing.
need=()
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
command -v chromium >/dev/null 2>&1 || dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${need[@]}" \
    || { "${sudo_cmd[@]}" apt-get update && "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${need[@]}"; }
fi

# One TRX file per test project, in that project's TestResults/ (a fixed name, so projects never
# overwrite each other's); old ones are removed first so the totals count this run only.
trx=protocollang-tests.trx
find tests -path '*/TestResults/*' -name "$trx" -delete 2>/dev/null || true

# The database servers of the engine integration tests (tests/Engines.Tests), private and on loopback,
# stopped and removed however the run ends. PROTOCOLLANG_ENGINES=skip leaves them alone (then those tests
# fail, saying how to start them).
if [ "${PROTOCOLLANG_ENGINES:-}" != "skip" ]; then
  trap 'scripts/engines.sh down >/dev/null 2>&1 || true' EXIT   # quiet: the totals line stays the last line
  # A server that cannot start fails only the tests that need it (they say how to start it), not the whole run.
  scripts/engines.sh up || echo "test.sh: the engine servers did not start; tests/Engines.Tests will fail" >&2
fi

status=0
dotnet test ProtocolLang.sln --logger "trx;LogFileName=$trx" "$@" || status=$?

scripts/trx-totals.sh tests "$trx"
exit "$status"
