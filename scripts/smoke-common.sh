# Sourced by the package smoke tests (pack-smoke.sh, new-smoke.sh): a temporary work folder, a package
# version no earlier run used (so NuGet's global package cache cannot hand back a stale package), and
# a cleanup on exit that removes both the folder (unless KEEP=1) and those packages from the cache.
# Usage: smoke_setup NAME VERSION_TAG PACKAGE_ID...   (sets repo, work, version; defines fail)
smoke_setup() {
  smoke_name="$1"
  local tag="$2"
  shift 2
  smoke_ids=("$@")
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  work="$(mktemp -d "${TMPDIR:-/tmp}/protocollang-$smoke_name.XXXXXX")"
  version="0.1.0-$tag.$(date -u +%Y%m%d%H%M%S).$$"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
  smoke_packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
  trap smoke_cleanup EXIT
}

smoke_cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "$smoke_name: kept $work"
  else
    rm -rf "$work"
  fi
  if [ -n "$smoke_packages" ]; then
    for id in "${smoke_ids[@]}"; do
      rm -rf "${smoke_packages%/}/$id/$version"
      rmdir "${smoke_packages%/}/$id" 2>/dev/null || true
    done
  fi
}

fail() {
  echo "$smoke_name: FAILED: $*" >&2
  exit 1
}
