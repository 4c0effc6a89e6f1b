#!/bin/sh
# make lint-infra on this repository: gate each example and compare the
# outcome with the one examples/README.md documents (broken/ fails the gate,
# fixed/ passes it).  One line per example: the verdict, the path, what was
# expected, what happened (edgegate's exit code) and the rule ids of the
# findings.  Exits 0 when every example behaves as documented, 1 otherwise.
#
# usage: examples/gate.sh build/edgegate examples/*/broken examples/*/fixed
set -u
bin=$1
shift
out=${TMPDIR:-/tmp}/edgegate-examples.$$
trap 'rm -f "$out"' EXIT
total=0 bad=0
echo "edgegate: gating each example (broken/ must fail the gate, fixed/ must pass)"
for p in "$@"; do
	case $p in
	*/broken | */broken/) want=1 expected=fails ;;
	*/fixed | */fixed/) want=0 expected=passes ;;
	*) echo "edgegate: $p: not an example variant (broken/ or fixed/)" >&2; exit 2 ;;
	esac
	# --format github: one line per finding, the rule id first in its title.
	env -u GITHUB_STEP_SUMMARY "$bin" lint --format github --color never "$p" >"$out" 2>&1
	rc=$?
	case $rc in 0) got=passes ;; 1) got=fails ;; *) got=error ;; esac
	# errors and warnings by rule; notes only counted
	ids=$(sed -n 's/^::\(error\|warning\)[^:]*,title=\([a-z0-9-]*\)%3A.*/\2/p' "$out" | sort | uniq -c |
		awk '{ printf "%s%s", sep, $2; if ($1 > 1) printf " x%d", $1; sep = ", " }')
	notes=$(grep -c '^::notice' "$out")
	[ -n "$ids" ] || ids="no errors or warnings"
	[ "$notes" -gt 0 ] && ids="$ids (+$notes note$([ "$notes" -gt 1 ] && echo s))"
	total=$((total + 1))
	if [ "$rc" = "$want" ]; then verdict=ok; else verdict=WRONG; bad=$((bad + 1)); fi
	printf '%-5s %-42s expected: %-6s got: %s (exit %d): %s\n' "$verdict" "$p" "$expected" "$got" "$rc" "$ids"
	if [ "$rc" -gt 1 ]; then sed 's/^/      /' "$out"; fi
done
if [ "$bad" -eq 0 ]; then
	echo "edgegate: all $total examples behave as documented; gate your own with: make lint-infra INFRA=path/to/plan.json"
else
	echo "edgegate: $bad of $total examples do not behave as documented (examples/README.md)"
	exit 1
fi
