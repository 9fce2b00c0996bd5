#!/usr/bin/env bash
# Packs ProtocolLang.Generator and ProtocolLang.Runtime into a local folder, then builds and runs a
# fresh console project outside the repository (tests/PackSmoke) that references only those two
# packages and holds a .study file. Passes when the package alone compiles the study at build time
# (analyzer dlls load, build/ProtocolLang.Generator.props adds **/*.study), the program prints what
# the generated code declares, and the generator is not a runtime dependency of the consumer.
# Usage: scripts/pack-smoke.sh            (exit code 0 = pass; KEEP=1 keeps the temp folder)
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/smoke-common.sh"
smoke_setup pack-smoke smoke protocollang.generator protocollang.runtime
smoke="$repo/tests/PackSmoke"

echo "pack-smoke: packing $version"
for project in src/ProtocolLang.Generator src/Runtime; do
  dotnet pack "$repo/$project" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q --disable-build-servers
done
generator_package="$work/feed/ProtocolLang.Generator.$version.nupkg"
[ -f "$generator_package" ] || fail "no $generator_package"
listing="$(unzip -Z1 "$generator_package")"
for entry in analyzers/dotnet/cs/ProtocolLang.Generator.dll analyzers/dotnet/cs/ProtocolLang.dll \
             analyzers/dotnet/cs/Sprache.dll build/ProtocolLang.Generator.props; do
  grep -qx "$entry" <<<"$listing" || fail "the generator package has no $entry"
done
if grep -q '^lib/' <<<"$listing"; then fail "the generator package has a lib/ folder"; fi
if unzip -p "$generator_package" ProtocolLang.Generator.nuspec | grep -q '<dependency '; then
  fail "the generator package declares dependencies"
fi

# The consumer: isolated from the repository's Directory.*.props/targets and central versions;
# its nuget.config adds the local folder to the default sources.
app="$work/app"
mkdir -p "$app"
for file in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
  echo '<Project />' >"$app/$file"
done
cat >"$app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="protocollang-smoke" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG
cp "$smoke/Smoke.csproj.template" "$app/Smoke.csproj"
cp "$smoke/Program.cs" "$smoke/smoke.study" "$app/"

# As a user would add them; the generator package is a development dependency, so NuGet marks it
# PrivateAssets=all and it never flows to whoever references the consumer.
for package in ProtocolLang.Generator ProtocolLang.Runtime; do
  dotnet add "$app/Smoke.csproj" package "$package" --version "$version" >"$work/add-$package.log" 2>&1 \
    || { cat "$work/add-$package.log" >&2; fail "dotnet add package $package failed"; }
done
grep -A3 '"ProtocolLang.Generator"' "$app/Smoke.csproj" | grep -q '<PrivateAssets>all</PrivateAssets>' \
  || fail "ProtocolLang.Generator was not added as a private development dependency"

echo "pack-smoke: building $app"
dotnet build "$app/Smoke.csproj" -c Release -nologo -v:q --disable-build-servers \
  || fail "the consumer project did not build"

output_dir="$app/bin/Release/net10.0"
for leaked in ProtocolLang.Generator.dll ProtocolLang.dll Sprache.dll; do
  [ ! -e "$output_dir/$leaked" ] || fail "$leaked was copied to the consumer's output"
done
if grep -q 'ProtocolLang.Generator' "$output_dir/Smoke.deps.json"; then
  fail "ProtocolLang.Generator is a runtime dependency of the consumer"
fi

actual="$(dotnet "$output_dir/Smoke.dll")" || fail "the program exited with $?"
expected="$(cat "$smoke/expected-output.txt")"
if [ "$actual" != "$expected" ]; then
  fail "unexpected output:
$actual
expected:
$expected"
fi
echo "$actual"
echo "pack-smoke: OK"
