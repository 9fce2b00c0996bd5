#!/usr/bin/env bash
# The README's tool commands on this machine as a new user runs them: packs the protocollang tool
# (which carries the generator and runtime packages), installs it into a temporary tool path, and in
# a temporary folder outside the repository runs `protocollang new x && cd x && dotnet build && dotnet run`.
# Passes when the project restores with no feed serving the ProtocolLang packages (the nuget.config
# that `new` writes), builds, and its run writes the report.
# Usage: scripts/new-smoke.sh            (exit code 0 = pass; KEEP=1 keeps the temp folder)
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/smoke-common.sh"
smoke_setup new-smoke newsmoke protocollang.cli protocollang.generator protocollang.runtime

started=$SECONDS
echo "new-smoke: packing the tool $version"
dotnet pack "$repo/src/ProtocolLang.Cli" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q --disable-build-servers \
  || fail "dotnet pack src/ProtocolLang.Cli failed"
tool_package="$work/feed/ProtocolLang.Cli.$version.nupkg"
[ -f "$tool_package" ] || fail "no $tool_package"
listing="$(unzip -Z1 "$tool_package")"
for id in ProtocolLang.Generator ProtocolLang.Runtime; do
  grep -qx "tools/net10.0/linux-x64/packages/$id.$version.nupkg" <<<"$listing" || fail "the tool package carries no $id.$version.nupkg"
done
# DuckDB's native library ships for linux-x64 only (RuntimeIdentifier), not for every platform (~320 MB).
grep -qx "tools/net10.0/linux-x64/libduckdb.so" <<<"$listing" || fail "the tool package carries no linux-x64 libduckdb.so"
if grep -q "runtimes/.*duckdb" <<<"$listing"; then fail "the tool package carries DuckDB native libraries for other platforms"; fi

dotnet tool install ProtocolLang.Cli --tool-path "$work/tools" --add-source "$work/feed" --version "$version" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; fail "dotnet tool install failed"; }

# Outside the repository: no Directory.Build.props, central versions or nuget.config of ours above it.
home="$work/home"
mkdir -p "$home"
cd "$home"
echo "new-smoke: protocollang new x && cd x && dotnet build && dotnet run"
"$work/tools/protocollang" new x || fail "protocollang new x failed"
cd x
[ -f nuget.config ] || fail "protocollang new wrote no nuget.config"
dotnet build -nologo -v:q --disable-build-servers || fail "dotnet build of the new project failed"
output="$(dotnet run --no-build)" || fail "dotnet run of the new project exited with $?"
echo "$output"
[ -f report/report.md ] && [ -f report/results.json ] || fail "dotnet run wrote no report/report.md and report/results.json"
echo "new-smoke: OK ($((SECONDS - started)) s)"
