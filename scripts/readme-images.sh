#!/usr/bin/env bash
# Renders the README's pictures from the committed example report: Table 1 (its section of
# examples/Nxp2Jdm/report/report.html, with the report's own CSS, screenshot by headless Chromium
# at 1280 px) and the Kaplan-Meier figure (the report's own 300 dpi PNG, copied). Run after
# regenerating the example (dotnet run --project examples/Nxp2Jdm). Needs chromium (apt-get install chromium).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="$repo/examples/Nxp2Jdm/report"
out="$repo/docs/images"
work="$(mktemp -d "${TMPDIR:-/tmp}/protocollang-readme.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The page: everything up to </head> (title, CSS), then only Table 1's section.
html="$report/report.html"
{
  sed -n '1,/<\/head>/p' "$html"
  echo '<body style="margin: 16px; width: 1000px;">'
  sed -n '/<section id="describe_age_sex_ck_cmas_mas_myocardial_dysphagia_calcinosis">/,/<\/section>/p' "$html"
  echo '</body></html>'
} > "$work/table1.html"

chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-dev-shm-usage \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size=1040,850 \
  --screenshot="$out/table1.png" "file://$work/table1.html" 2>/dev/null
cp "$report/figures/kaplan_meier_relapse.png" "$out/kaplan-meier.png"
echo "wrote $out/table1.png and $out/kaplan-meier.png"
