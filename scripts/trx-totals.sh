#!/usr/bin/env bash
# Prints "N passed, N failed" summed over the TRX files named NAME under FOLDER (./test.sh writes
# them). Failed counts every test that did not pass or was not skipped: failed, error, timeout, aborted.
# A test run whose summary is not "Completed" although none of its tests failed (its test host crashed,
# e.g. on a stack overflow, so the tests after the crash never ran) counts as one failure more, and is
# named on standard error: the totals line must never look green for a run that stopped half-way.
# Usage: scripts/trx-totals.sh FOLDER NAME
set -euo pipefail
folder="$1"
name="$2"
find "$folder" -path '*/TestResults/*' -name "$name" -print0 \
  | xargs -0 -r grep -Ho '<ResultSummary outcome="[A-Za-z]*"\|<Counters [^>]*>' \
  | awk '
      function count(attribute,   m) {
        return match($0, " " attribute "=\"[0-9]+\"") ? substr($0, RSTART + length(attribute) + 3, RLENGTH - length(attribute) - 4) + 0 : 0
      }
      {
        file = substr($0, 1, index($0, ":") - 1)
        if (index($0, "<ResultSummary") > 0) {
          outcome[file] = $0
          sub(/.*outcome="/, "", outcome[file]); sub(/"$/, "", outcome[file])
        } else {
          passed += count("passed")
          own = count("failed") + count("error") + count("timeout") + count("aborted")
          failed += own
          failedIn[file] += own
        }
      }
      END {
        for (file in outcome) {
          if (outcome[file] != "Completed" && failedIn[file] == 0) {
            failed += 1
            printf "test run did not complete (%s): %s\n", outcome[file], file > "/dev/stderr"
          }
        }
        printf "%d passed, %d failed\n", passed, failed
      }'
