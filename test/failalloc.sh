#!/bin/sh
# The allocation-failure sweep (test/failalloc.c) over golden cases chosen
# to cover every input format, the config, waivers, baselines, evidence
# and every report writer: in each, every allocation of the run fails in
# turn.  $1 is the failalloc binary (built with ASan in make test); the
# cases run two at a time.
set -u
sweep=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")" && pwd)/golden
rules=$(cd "$(dirname "$0")/../rules" && pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# a run's stderr goes to a scratch file: sanitizer reports go to logs
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:log_path=$logs/asan"

sweep_cases() { # sweep_cases LOG CASE...: 1 when any case fails
	log=$1
	shift
	rc=0
	for case in "$@"; do
		dir=$root/$case
		args="lint --no-color in"
		[ -f "$dir/args" ] && args=$(cat "$dir/args")
		envs=
		[ -f "$dir/env" ] && envs=$(sed "s|@GOLDEN@|$root|g" "$dir/env")
		printf '%s: ' "$case" >>"$log"
		# shellcheck disable=SC2086 # env and args are separate words
		(cd "$dir" && env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY -u GITHUB_WORKSPACE \
			NO_COLOR=1 EDGEGATE_RULES="$rules" $envs "$sweep" -- $args \
			</dev/null >>"$log" 2>&1) || rc=1
		rm -f "$dir/step-summary.md" "$dir"/output.*
	done
	return $rc
}

# two lists of about the same number of allocations (40,000 each)
sweep_cases "$logs/a" example-missing-auth-behavior example-live-alias-swap-broken \
	cdk-assembly cfn-alias-swap-broken-json waiver-in-force json-format &
a=$!
sweep_cases "$logs/b" example-cfn-missing-auth-behavior pulumi-export config-routes-and-env \
	baseline-write evidence sarif-junit-outputs github-summary
b=$?
wait $a
a=$?
cat "$logs/a" "$logs/b"
if [ $a = 0 ] && [ $b = 0 ] && ! ls "$logs"/asan* >/dev/null 2>&1; then
	echo "failalloc: every run gave its normal result or exit 2, and nothing leaked"
	exit 0
fi
for f in "$logs"/asan*; do
	[ -f "$f" ] && head -60 "$f"
done
echo "failalloc: FAILED (above)"
exit 1
