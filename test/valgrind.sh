#!/bin/sh
# valgrind over the examples and the golden inputs: no leaks, no errors.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
run() {
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$bin" "$@" >/dev/null 2>/tmp/valgrind.$$.log
	if [ $? = 99 ]; then
		echo "FAIL valgrind: $bin $*"
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
	run lint --no-color "$dir/in"
done
rm -f /tmp/valgrind.$$.log
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
