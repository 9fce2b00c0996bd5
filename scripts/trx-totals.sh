#!/usr/bin/env bash
# Prints "N passed, N failed" summed over the TRX files named NAME under FOLDER (./test.sh writes
# them). Failed counts every test that did not pass or was not skipped: failed, error, timeout, aborted.
# Usage: scripts/trx-totals.sh FOLDER NAME
set -euo pipefail
folder="$1"
name="$2"
find "$folder" -path '*/TestResults/*' -name "$name" -print0 \
  | xargs -0 -r grep -ho '<Counters [^>]*>' \
  | awk '
      function count(attribute,   m) {
        return match($0, " " attribute "=\"[0-9]+\"") ? substr($0, RSTART + length(attribute) + 3, RLENGTH - length(attribute) - 4) + 0 : 0
      }
      { passed += count("passed"); failed += count("failed") + count("error") + count("timeout") + count("aborted") }
      END { printf "%d passed, %d failed\n", passed, failed }'
