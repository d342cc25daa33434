#!/usr/bin/env bash
# fuzz.sh: fuzzes one Jazzer target of the fuzz module for a given time (docs/fuzzing.md).
#
#   scripts/fuzz.sh <Class#method> <duration> [libFuzzer flag ...]
#   scripts/fuzz.sh KhoFuzzTest#root 10m
#   scripts/fuzz.sh FdtReadFuzzTest#readIndexTreeValidate 90s -seed=1
#
# duration: seconds, or a number with s, m or h. The target runs in Surefire's JVM with -Xmx256m (fuzz/pom.xml)
# and libFuzzer's -timeout=1: an input that takes over a second, an OutOfMemoryError or any exception the
# target does not allow is a finding. Findings are written by Jazzer into the target's regression corpus,
# fuzz/src/test/resources/io/khotools/fuzz/<Class>Inputs/<method>/ (crash-*, timeout-*), so the next
# `mvn verify` replays them; the growing working corpus is fuzz/.cifuzz-corpus/ (git-ignored).
# The log goes to standard output and to fuzz/target/fuzz-logs/<Class>-<method>.log; the last lines are a
# summary: executions, libFuzzer's cov/ft, findings.
#
# Environment: FUZZ_SKIP_BUILD=1 skips the up-front build (for a second run started while one is going:
# both read the same target/ directories, which the build step would rewrite); FUZZ_LEAK_LEVEL sets Netty's
# leak detection while fuzzing (default paranoid, as in every test run; "simple" is several times faster).
# Exit status: 0 no finding, 1 a finding or a build failure, 2 usage.
set -euo pipefail

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
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
cd "$root"
logdir=fuzz/target/fuzz-logs
log="$logdir/${target/\#/-}.log"

if [[ ${FUZZ_SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -q -o -pl fuzz -am test-compile
fi
mkdir -p "$logdir"

# libFuzzer flags reach Jazzer as JUnit configuration parameters jazzer.internal.arg.N (arg.0 is argv[0]);
# Jazzer appends them after its own -max_total_time from @FuzzTest, so the later flag wins.
args=(-Djazzer.internal.arg.0=jazzer "-Djazzer.internal.arg.1=-max_total_time=$seconds"
  -Djazzer.internal.arg.2=-timeout=1 -Djazzer.internal.arg.3=-print_final_stats=1)
n=4
for flag in "$@"; do
  args+=("-Djazzer.internal.arg.$n=$flag")
  n=$((n + 1))
done

status=0
JAZZER_FUZZ=1 mvn -B -o -pl fuzz -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.internal.basedir="$root/fuzz" -Dfuzz.leakDetection="${FUZZ_LEAK_LEVEL:-paranoid}" "${args[@]}" \
  >"$log" 2>&1 || status=1

grep -vE '^INFO: (Instrumented|Loaded [0-9]+ hooks)' "$log" | grep -E 'cov:|stat::|Tests run:|<<<|Finding|==[0-9]+==' \
  | tail -n 40 || true
echo "--- summary ($target, ${seconds}s)"
grep -E 'cov: ' "$log" | tail -n 1 || true
grep -E 'stat::number_of_executed_units' "$log" | tail -n 1 || true
if [[ $status -ne 0 ]]; then
  echo "FINDING or failure: see $log and fuzz/src/test/resources/io/khotools/fuzz/*Inputs/" >&2
fi
exit $status
