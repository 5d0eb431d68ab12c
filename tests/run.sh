#!/bin/sh
# Runs every unit and end-to-end test binary of a build tree (default: build) and closes with the
# line CI reads: "N passed, N failed". A binary that dies before its summary counts as one failure.
BUILD=${1:-build}
EAFLOW_BIN=${EAFLOW_BIN:-$BUILD/eaflow}
export EAFLOW_BIN
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$log" 2>&1
    status=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    p=${p:-0}
    f=${f:-0}
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "$t: exited with status $status before its summary"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
