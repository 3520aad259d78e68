#!/usr/bin/env bash
# Reads the Surefire reports under the checkout, lists every failed or errored test, and ends with one line
# "tests: N passed, M failed, K skipped". Exits 1 when any test failed.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t reports < <(find . -path '*/target/surefire-reports/TEST-*.xml' -not -path './.git/*' | sort)
if [ "${#reports[@]}" -eq 0 ]; then
  echo "test-summary: no Surefire reports found" >&2
  exit 1
fi

awk '
  /<testsuite / {
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^tests="/)    { v = $i; gsub(/[^0-9]/, "", v); total += v }
      if ($i ~ /^failures="/) { v = $i; gsub(/[^0-9]/, "", v); failed += v }
      if ($i ~ /^errors="/)   { v = $i; gsub(/[^0-9]/, "", v); failed += v }
      if ($i ~ /^skipped="/)  { v = $i; gsub(/[^0-9]/, "", v); skipped += v }
    }
  }
  /<testcase / {
    name = $0; sub(/.*<testcase name="/, "", name); sub(/".*/, "", name)
    cls = $0; sub(/.*classname="/, "", cls); sub(/".*/, "", cls)
  }
  /<(failure|error)[ >]/ { print "FAILED " cls "." name }
  END {
    printf "tests: %d passed, %d failed, %d skipped\n", total - failed - skipped, failed, skipped
    exit failed > 0 ? 1 : 0
  }
' "${reports[@]}"
