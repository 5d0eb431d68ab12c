#!/bin/sh
# Runs afl-fuzz on fuzzing targets of tests/fuzz (make fuzz, make fuzz-smoke): each target's command
# (tests/fuzz/TARGET/cmd) on the AFL++ build in build-afl/, from its seeds with its dictionary, for
# SECONDS each and, when EXECS > 0, at most EXECS executions. Findings go to
# build-afl/findings/TARGET/default/crashes and hangs; a run resumes the findings of the previous
# one. Prints one line per target and exits 1 when any target has a crash.
# Usage: sh tests/fuzz/run.sh SECONDS EXECS TARGET...
set -u
seconds=$1
execs=$2
shift 2
# Root in a container: no CPU frequency governor to check, core dumps may go to a handler, and the
# two cores are shared, so no core is reserved.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export AFL_AUTORESUME=1 AFL_NO_UI=1
# afl-fuzz runs without its own memory limit (-m none: ASan reserves terabytes of address space),
# so ASan bounds it: an allocation above 1 GB fails (eaflow then says "out of memory", status 1),
# and a process above 2 GB resident is stopped as a crash. Leaks are for make asan to find.
export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1:malloc_limit_mb=1024:hard_rss_limit_mb=2048
# The command of target $1 with the program and @OUT@ of build-afl (@@ is left for afl-fuzz).
command_of() {
    set -- $(grep -v '^#' "tests/fuzz/$1/cmd" | head -n 1)
    if [ "$1" = eaflow ]; then prog=build-afl/eaflow; else prog=build-afl/fuzz/$1; fi
    shift
    line=$prog
    for w in "$@"; do
        [ "$w" = "@OUT@" ] && w=$out
        line="$line $w"
    done
    echo "$line"
}

crashed=0
for t in "$@"; do
    out=build-afl/out/$t
    findings=build-afl/findings/$t
    mkdir -p "$out" "$findings"
    limit=""
    [ "$execs" -gt 0 ] && limit="-E $execs"
    # -t: 2 s an execution (the ASan build simulates a small scenario in a tenth of that).
    # shellcheck disable=SC2046,SC2086
    if ! afl-fuzz -i "tests/fuzz/$t/seeds" -o "$findings" -x "tests/fuzz/$t/dict" -m none -t 2000 \
        -V "$seconds" $limit -- $(command_of "$t") >"$findings.log" 2>&1; then
        echo "fuzz $t: afl-fuzz failed; the end of $findings.log:"
        tail -n 20 "$findings.log"
        crashed=1
        continue
    fi
    execs_done=$(sed -n 's/^execs_done *: *//p' "$findings/default/fuzzer_stats")
    crashes=$(find "$findings/default/crashes" -type f -name 'id:*' | wc -l)
    hangs=$(find "$findings/default/hangs" -type f -name 'id:*' | wc -l)
    echo "fuzz $t: $execs_done executions, $crashes crashes, $hangs hangs ($findings/default)"
    [ "$crashes" -eq 0 ] || crashed=1
done
exit $crashed
