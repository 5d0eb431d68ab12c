#!/usr/bin/env bash
# The MPI build against the single process: each command run by ./eaflow and by
# `mpirun -n K ./eaflow-mpi` (2 processes, and 3 where the replications do not divide by 3) must
# write the same files, byte for byte, and print the same lines; a bad input under mpirun gives the
# French message once, status 2, and writes nothing. Run by `make test-mpi`; exits non-zero on the
# first difference.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# As root in CI, and with more processes than cores on a small machine.
# -q: no notice of mpirun's own when a process ends with a failure status (the message is eaflow's).
mpirun=(mpirun --allow-run-as-root --oversubscribe -q)
sc=$root/scenarios
passed=0
failed=0

# Runs one command twice, each in its own working directory with the same relative output
# directory `out` (the manifests record the command line): ./eaflow, then eaflow-mpi on $1
# processes. Compares the exit statuses, stdout, stderr and the whole output directory, except the
# files named in $VARIES (and their lines of the manifest), which differ between two single runs.
same() {
    local name=$1 np=$2
    shift 2
    local a=$work/$name/single b=$work/$name/mpi
    mkdir -p "$a" "$b"
    (cd "$a" && "$root/eaflow" "$@" >stdout 2>stderr; echo $? >status)
    (cd "$b" && "${mpirun[@]}" -n "$np" "$root/eaflow-mpi" "$@" >stdout 2>stderr; echo $? >status)
    for f in ${VARIES:-}; do
        for d in "$a" "$b"; do
            rm -f "$d/out/$f"
            [ -f "$d/out/manifest.csv" ] && sed -i "/^output,$f,/d" "$d/out/manifest.csv"
        done
    done
    if diff -r "$a" "$b" >"$work/$name.diff"; then
        passed=$((passed + 1))
        echo "ok   $name ($np processes)"
    else
        failed=$((failed + 1))
        echo "FAIL $name ($np processes): single process and mpirun differ"
        head -n 20 "$work/$name.diff"
    fi
}

same simulate 2 simulate "$sc/occitanie-2022.ini" -n 40 -o out -q
same simulate-n3 3 simulate "$sc/occitanie-2022.ini" -n 41 -o out
same simulate-hg20 2 simulate "$sc/occitanie-2022-hg20.ini" -n 30 -o out
same simulate-auto 2 simulate "$sc/occitanie-2022.ini" -n auto --precision 20% --max-replications 400 -o out
same uncertainty 2 simulate "$sc/occitanie-2022-uncertainty.ini" --uncertainty --points 6 -n 10 -o out
same sweep 2 sweep "$sc/occitanie-2022.ini" --vary defaults.entries_per_month=1:3:1 -n 20 -o out
VARIES="report.pdf" same scenarios 3 scenarios "$sc/occitanie-2022.ini" "$sc/occitanie-2022-hg20.ini" -n 20 -o out
same sensitivity 2 sensitivity "$sc/occitanie-2022-uncertainty.ini" --outcome waiting@2024 \
    --points 4 -n 5 -o out
# Its points are spread, 83 of them over 3 processes (28, 28, 27).
same sensitivity-n3 3 sensitivity "$sc/occitanie-2022-uncertainty.ini" --outcome waiting@2024 \
    --outcome 31:file_active@2026 --points 4 -n 5 -o out
same places 2 places "$sc/occitanie-2022.ini" --target 'waiting<=20' --year 2024 -n 20 -o out
same calibrate 2 calibrate "$sc/occitanie-2022.ini" --observed "$sc/data/observed-occitanie.csv" \
    --free defaults.entries_per_month=1:6 --free module.recherche.duration.mean=3:15 -n 20 -o out
# The PDF records the path of its scratch directory (with the PID) and the workbook the time it was
# written: both differ between two single runs already.
VARIES="report.pdf tableaux.xlsx" same report 2 report "$sc/occitanie-2022.ini" -n 20 -o out -q

# A bad input: an unknown key. The same message once, status 2, no output directory.
printf '[scenario]\nname = bad\npalces = 3\n' >"$work/bad.ini"
same bad-input 2 simulate "$work/bad.ini" -n 10 -o out
bad=$work/bad-input/mpi
if [ "$(cat "$bad/status")" = 2 ] && [ "$(wc -l <"$bad/stderr")" -ge 1 ] && [ ! -e "$bad/out" ] \
    && grep -q 'clé inconnue' "$bad/stderr" && [ "$(grep -c 'clé inconnue' "$bad/stderr")" = 1 ]; then
    passed=$((passed + 1))
    echo "ok   bad input: status 2, the message once, nothing written"
else
    failed=$((failed + 1))
    echo "FAIL bad input: status $(cat "$bad/status"), stderr:"
    cat "$bad/stderr"
fi
# Earlier outputs stay as they were when a later run fails.
mkdir -p "$work/keep" && cd "$work/keep" && "$root/eaflow" simulate "$sc/occitanie-2022.ini" -n 10 -o out -q
cp -r out before
"${mpirun[@]}" -n 2 "$root/eaflow-mpi" simulate "$work/bad.ini" -n 10 -o out 2>/dev/null
if [ $? = 2 ] && diff -r before out >/dev/null; then
    passed=$((passed + 1))
    echo "ok   bad input: earlier outputs intact"
else
    failed=$((failed + 1))
    echo "FAIL bad input: earlier outputs changed"
fi
cd "$root"
# Only rank 0 draws: the charts, page and workbook of the other ranks would be thrown away. gnuplot
# and weasyprint are wrapped to count their starts; a report on 2 processes starts them as often
# as on one.
mkdir -p "$work/shim" "$work/count"
for tool in gnuplot weasyprint; do
    real=$(command -v "$tool")
    printf '#!/bin/sh\necho x >>"%s/count/%s"\nexec "%s" "$@"\n' "$work" "$tool" "$real" >"$work/shim/$tool"
    chmod +x "$work/shim/$tool"
done
counts() { for tool in gnuplot weasyprint; do printf '%s=%s ' "$tool" "$(cat "$work/count/$tool" 2>/dev/null | wc -l)"; done; }
(cd "$work/count" && PATH=$work/shim:$PATH "$root/eaflow" report "$sc/occitanie-2022.ini" -n 10 -o out1 -q)
one=$(counts)
rm -f "$work/count/gnuplot" "$work/count/weasyprint"
(cd "$work/count" && PATH=$work/shim:$PATH "${mpirun[@]}" -n 2 "$root/eaflow-mpi" report "$sc/occitanie-2022.ini" -n 10 -o out2 -q)
two=$(counts)
if [ "$one" = "$two" ] && [ "$one" != "gnuplot=0 weasyprint=0 " ]; then
    passed=$((passed + 1))
    echo "ok   only rank 0 draws ($one)"
else
    failed=$((failed + 1))
    echo "FAIL only rank 0 draws: one process $one, two processes $two"
fi
# Nothing left behind by the other ranks' private directories.
if ls -d "${TMPDIR:-/tmp}"/eaflow-mpi-* >/dev/null 2>&1; then
    echo "note: private directories left in ${TMPDIR:-/tmp} (from this or another run)"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
