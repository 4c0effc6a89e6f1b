#!/bin/sh
# Golden end-to-end tests through the real binary.
#
# Each folder test/golden/<case>/ holds:
#   in/        the inputs (paths in the report are relative to the case)
#   args       optional: the arguments, default "lint --no-color in"
#   cwd        optional: the subdirectory of the case to run in (default: the
#              case itself), e.g. to find a config file further up
#   env        optional: NAME=VALUE words set for the run (the GitHub
#              variables are unset otherwise); a GitHub job
#              summary written to step-summary.md is appended to the output
#              and so is every file the run writes as output.* (--output,
#              --write-baseline, --evidence) in name order
#   stdin      optional: a file fed to the run's stdin (for the input `-`);
#              else stdin is /dev/null
#   stdout     optional: one line, a path stdout goes to instead (/dev/full:
#              a failed write); expected then holds stderr only
#   expected   stdout and stderr of the run
#   exit       the expected exit status
# UPDATE=1 rewrites expected and exit from the current binary: review the diff.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")" && pwd)/golden
rules=$(cd "$(dirname "$0")/../rules" && pwd)
pass=0 fail=0
for dir in "$root"/*/; do
	[ -d "$dir" ] || continue
	case=$(basename "$dir")
	args="lint --no-color in"
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	envs=
	# @GOLDEN@ stands for the absolute path of test/golden, so a case can
	# name a directory above itself (GITHUB_WORKSPACE) on any machine.
	[ -f "$dir/env" ] && envs=$(sed "s|@GOLDEN@|$root|g" "$dir/env")
	stdin=/dev/null
	[ -f "$dir/stdin" ] && stdin=$dir/stdin
	rm -f "$dir/step-summary.md" "$dir"/output.*
	# shellcheck disable=SC2086 # env and args are separate words
	cwd=.
	[ -f "$dir/cwd" ] && cwd=$(cat "$dir/cwd")
	if [ -f "$dir/stdout" ]; then
		out=$(cd "$dir/$cwd" && env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY -u GITHUB_WORKSPACE NO_COLOR=1 \
			EDGEGATE_RULES="$rules" $envs $bin $args 2>&1 <"$stdin" >"$(cat "$dir/stdout")")
	else
		out=$(cd "$dir/$cwd" && env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY -u GITHUB_WORKSPACE NO_COLOR=1 \
			EDGEGATE_RULES="$rules" $envs $bin $args 2>&1 <"$stdin")
	fi
	status=$?
	if [ -f "$dir/step-summary.md" ]; then
		out=$(printf '%s\n--- step-summary.md\n%s' "$out" "$(cat "$dir/step-summary.md")")
		rm -f "$dir/step-summary.md"
	fi
	for f in "$dir"/output.*; do
		[ -f "$f" ] || continue
		out=$(printf '%s\n--- %s\n%s' "$out" "$(basename "$f")" "$(cat "$f")")
		rm -f "$f"
	done
	if [ "${UPDATE:-}" = 1 ]; then
		printf '%s\n' "$out" >"$dir/expected"
		echo "$status" >"$dir/exit"
	fi
	if [ ! -f "$dir/expected" ] || [ ! -f "$dir/exit" ]; then
		echo "FAIL $case: no expected/exit (run UPDATE=1 sh test/golden.sh $1 and review)"
		fail=$((fail + 1))
		continue
	fi
	want=$(cat "$dir/exit")
	if [ "$status" != "$want" ]; then
		echo "FAIL $case: exit $status, expected $want"
		printf '%s\n' "$out" | head -20
		fail=$((fail + 1))
	elif ! printf '%s\n' "$out" | diff -u "$dir/expected" - >/tmp/golden.$$.diff; then
		echo "FAIL $case: output differs"
		head -40 /tmp/golden.$$.diff
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
rm -f /tmp/golden.$$.diff
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
