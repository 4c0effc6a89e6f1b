#!/bin/sh
# valgrind over the examples and the golden inputs: no leaks, no errors, and
# no abnormal exit: edgegate exits 0, 1 or 2, so anything else (a crash
# under valgrind is 134 or 139, valgrind's own report 99) fails, and so
# does a golden case's default run that exits other than its `exit` file.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
want=
run() {
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$bin" "$@" >/dev/null 2>/tmp/valgrind.$$.log
	status=$?
	why=
	case $status in
	0 | 1 | 2) [ -n "$want" ] && [ "$status" != "$want" ] && why="exit $status, expected $want" ;;
	99) why="valgrind found errors" ;;
	*) why="abnormal exit $status" ;;
	esac
	if [ -n "$why" ]; then
		echo "FAIL valgrind ($why): $bin $*"
		head -30 /tmp/valgrind.$$.log
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
echo "== valgrind"
run lint --no-color "$here/../examples"
run lint --format json "$here/../examples"
run lint --no-color "$here/cfn"
run lint --no-color --region us-east-1 --param-file "$here/golden/cfn-param-file/in/params.json" "$here/cfn/alias-swap/broken.yaml"
run lint --format json "$here/cdk/cdk.out"
# -v: the note for a converted UTF-16 file is built only then
run lint --no-color -v "$here/golden/utf16le-bom-crlf-plan/in"
# a Pulumi preview and an export of the same stack in one run, JSON report
run lint --format json --rules "$here/golden/pulumi-preview/rules" "$here/golden/pulumi-preview/in" "$here/golden/pulumi-export/in"
# the gate and every report: waivers (one expired, one unused, Metadata),
# a baseline written then read, evidence and each --output format
tmp=$(mktemp -d)
run lint --config "$here/golden/waiver-in-force/.edgegate.yml" --today 2026-12-01 \
	--write-baseline "$tmp/base.json" --evidence "$tmp/ev.json" \
	--output sarif="$tmp/o.sarif" --output junit="$tmp/o.xml" --output json="$tmp/o.json" \
	--output github="$tmp/o.txt" "$here/golden/waiver-in-force/in" "$here/golden/waiver-cfn-metadata/in"
run lint --baseline "$tmp/base.json" --format sarif "$here/golden/baseline-new-only/in"
run lint --baseline "$here/golden/baseline-bad/baseline.json" "$here/golden/baseline-bad/in"
run lint --format junit "$here/golden/waiver-cfn-metadata-error/in"
rm -rf "$tmp"
for dir in "$here"/golden/*/; do
	[ -d "$dir/in" ] || continue
	# in the case's folder (its .edgegate.yml applies), as golden.sh runs
	# it; without args, env or stdout files its exit status is known
	want=
	[ -f "$dir/args" ] || [ -f "$dir/env" ] || [ -f "$dir/stdout" ] || want=$(cat "$dir/exit")
	cd "$dir" || exit 2
	run lint --no-color in
	cd "$here" || exit 2
done
want=
rm -f /tmp/valgrind.$$.log
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
