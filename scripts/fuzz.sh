#!/usr/bin/env bash
# fuzz.sh: fuzzes one Jazzer target of the fuzz module for a given time (docs/fuzzing.md).
#
#   scripts/fuzz.sh <Class#method> <duration> [libFuzzer flag ...]
#   scripts/fuzz.sh KhoFuzzTest#root 10m
#   scripts/fuzz.sh FdtReadFuzzTest#readIndexTreeValidate 90s -seed=1
#
# duration: seconds, or a number with s, m or h (wall time, JVM start-up included). The target runs in
# Surefire's JVM with -Xmx256m (fuzz/pom.xml) and libFuzzer's -timeout=1: an input that takes over a second,
# an OutOfMemoryError or any exception the target does not allow is a finding. Jazzer writes each finding into
# the target's regression corpus, fuzz/src/test/resources/io/khotools/fuzz/<Class>Inputs/<method>/ (crash-*,
# timeout-*), so the next `mvn verify` replays it; the working corpus grows in fuzz/.cifuzz-corpus/ (ignored).
# A timeout ends libFuzzer's process; the script then starts it again on the grown corpus for the time left,
# with the timeout-* files (and their copies in the working corpus) held in fuzz/target/fuzz-held/ meanwhile
# (Jazzer reads the regression directory as seeds, and a cold JVM would stall on the same input again); the
# timeout-* files are put back at the end. A loaded
# machine can stall one input past a second: replay each timeout-* file before calling it a bug.
# Any other finding stops the run. Logs: fuzz/target/fuzz-logs/<Class>-<method>.<n>.log; the last lines are a
# summary: segments, executions (summed), libFuzzer's last cov/ft, findings.
#
# Environment: FUZZ_SKIP_BUILD=1 skips the up-front build (for a second run started while one is going:
# both read the same target/ directories, which the build step would rewrite); FUZZ_LEAK_LEVEL is Netty's
# leak detection while fuzzing (default simple: sampled; paranoid records a stack trace on every buffer
# access, which slows the byte-buffer targets tenfold; regression runs under mvn verify stay paranoid, and
# every target asserts its own buffers' release).
# Exit status: 0 no finding, 1 a finding or a build failure, 2 usage.
set -uo pipefail

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
target=$1
duration=$2
shift 2
[[ $target == *'#'* ]] || usage
case $duration in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || usage

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
logdir=fuzz/target/fuzz-logs
base="$logdir/${target/\#/-}"

if [[ ${FUZZ_SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -q -o -pl fuzz -am test-compile || exit 1
fi
mkdir -p "$logdir"
rm -f "$base".*.log

corpus="fuzz/src/test/resources/io/khotools/fuzz/${target%%#*}Inputs/${target#*#}"
held="fuzz/target/fuzz-held/${target/\#/-}"
mkdir -p "$held"

start=$(date +%s)
segment=0
status=0
execs=0
while :; do
  left=$(( seconds - ($(date +%s) - start) ))
  [[ $left -ge 20 || $segment -eq 0 ]] || break
  segment=$((segment + 1))
  log="$base.$segment.log"
  # libFuzzer flags reach Jazzer as JUnit configuration parameters jazzer.internal.arg.N (arg.0 is argv[0]);
  # Jazzer appends them after its own -max_total_time from @FuzzTest, so these win.
  args=(-Djazzer.internal.arg.0=jazzer "-Djazzer.internal.arg.1=-max_total_time=$left"
    -Djazzer.internal.arg.2=-timeout=1 -Djazzer.internal.arg.3=-print_final_stats=1)
  n=4
  for flag in "$@"; do
    args+=("-Djazzer.internal.arg.$n=$flag")
    n=$((n + 1))
  done
  JAZZER_FUZZ=1 mvn -B -o -pl fuzz -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.basedir="$root/fuzz" -Dfuzz.leakDetection="${FUZZ_LEAK_LEVEL:-simple}" "${args[@]}" \
    >"$log" 2>&1
  rc=$?
  units=$(grep -a 'stat::number_of_executed_units' "$log" | tail -n 1 | awk '{print $2}')
  execs=$(( execs + ${units:-0} ))
  grep -a -vE '^INFO: (Instrumented|Loaded [0-9]+ hooks)' "$log" | grep -a -E 'cov:|<<<|Finding|==[0-9]+==|Test unit written' \
    | tail -n 6
  if [[ $rc -eq 0 ]]; then
    break
  fi
  if grep -aq 'ERROR: libFuzzer: timeout' "$log"; then
    status=1
    echo "segment $segment ended on a timeout (see $log); going on with the corpus it grew"
    for f in "$corpus"/timeout-*; do
      [[ -e $f ]] || continue
      # the same input may sit in the working corpus under its SHA-1: hold it too (dropped: it is in $corpus)
      mv "fuzz/.cifuzz-corpus/io.khotools.fuzz.${target%%#*}/${target#*#}/${f##*timeout-}" "$held/" 2>/dev/null
      mv "$f" "$held/"
    done
    continue
  fi
  status=1
  break
done

mv "$held"/timeout-* "$corpus"/ 2>/dev/null
echo "--- summary ($target, ${seconds}s requested, $(( $(date +%s) - start ))s wall, $segment segment(s))"
echo "executions: $execs"
grep -ah 'cov: ' "$base".*.log | tail -n 1
if [[ $status -ne 0 ]]; then
  echo "FINDING or failure: see $base.*.log and fuzz/src/test/resources/io/khotools/fuzz/*Inputs/" >&2
fi
exit $status
